import ArgumentParser
import VernierModel
import VernierProfiler

/// `--time-base`: whether LUT entries are put on the device's reference time base.
struct TimeBaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "`reference`: put latencies on the device's time base: a fixed reference layer is timed around each measurement, which is scaled by the reference's stored latency over those readings, so that builds made at different times agree on a drifting machine and LUT entries and whole-arch latencies share one speed; `absolute`: plain ms.",
        valueName: "reference|absolute"))
    var timeBase = "reference"

    func validate() throws {
        guard ["reference", "absolute"].contains(timeBase) else {
            throw ValidationError("unknown --time-base '\(timeBase)'; allowed: reference, absolute")
        }
    }

    /// Whether latencies go on the device's time base.
    var onTimeBase: Bool { timeBase == "reference" }
}
