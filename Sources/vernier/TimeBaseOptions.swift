import ArgumentParser
import VernierProfiler

/// `--time-base`: whether LUT entries are put on the device's reference time base.
struct TimeBaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "`reference`: time a fixed reference layer before and after each entry and scale the entry by the device's stored reference latency over theirs, so that builds made at different times agree on a drifting machine; `absolute`: plain ms.",
        valueName: "reference|absolute"))
    var timeBase = "reference"

    func validate() throws {
        guard ["reference", "absolute"].contains(timeBase) else {
            throw ValidationError("unknown --time-base '\(timeBase)'; allowed: reference, absolute")
        }
    }

    /// The time base for `backend` at the harness's threads: the profile's, or a new one measured
    /// now and added to `profile` (the caller saves it). `nil` for `absolute`.
    func prepare(profile: inout DeviceProfile, backend: any Backend, harness: Harness) throws -> TimeBase? {
        guard timeBase == "reference" else { return nil }
        if let stored = profile.timeBase(backend: backend.name, threads: harness.settings.threads,
                                         referenceKey: LUTBuilder.referenceLayer.key) {
            return stored
        }
        let measured = try LUTBuilder.measureTimeBase(backend: backend, harness: harness)
        profile.setTimeBase(measured)
        return measured
    }
}
