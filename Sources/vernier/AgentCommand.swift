import ArgumentParser
import Dispatch
import Foundation
import VernierAgent
import VernierKit
import VernierModel
import VernierProfiler
import VernierStore

/// `vernier agent`: pull profiling and measuring jobs for this device from a service.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Register this device with a service, lease its jobs, measure locally and upload the results.")

    @Option(help: "Service URL, e.g. http://127.0.0.1:8080.")
    var server: String

    @Option(help: "Bearer token (from `vernier token create`); visible to other users in `ps`, so prefer --token-file or $VERNIER_TOKEN.")
    var token: String?

    @Option(name: .customLong("token-file"), help: "A file holding the bearer token (its first line).")
    var tokenFile: String?

    @Option(help: "Device id (default: this machine's). A new id is registered on the spot: probed, and its roofline measured.")
    var device: String?

    @Option(name: .customLong("log-format"), help: "Log lines as text or json (one JSON object per line).")
    var logFormat = "text"

    @Flag(name: .customLong("no-roofline"), help: "Do not measure the roofline of a device that has none (it takes about half a minute).")
    var noRoofline = false

    @Option(name: .customLong("batch-size"), help: "Results per upload.")
    var batchSize = 8

    @Option(name: .customLong("poll-seconds"), help: "Seconds between polls when there is no job.")
    var pollSeconds = 2.0

    @Option(name: .customLong("heartbeat-seconds"), help: "Seconds between heartbeats (keep well under the server's lease).")
    var heartbeatSeconds = 10.0

    @Option(name: .customLong("retry-seconds"), help: "How long to keep retrying while the server is unreachable.")
    var retrySeconds = 120.0

    @Flag(name: .customLong("exit-when-idle"), help: "Exit when the device has no job left instead of polling.")
    var exitWhenIdle = false

    @OptionGroup var timing: TimingOptions
    @OptionGroup var timeBaseOptions: TimeBaseOptions
    @Option(help: "The agent's own SQLite store, where it keeps what it measured before uploading (default: $VERNIER_AGENT_DB or vernier-agent.sqlite; never the server's $VERNIER_DB).")
    var db: String?

    func validate() throws {
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
        if !["text", "json"].contains(logFormat) { throw ValidationError("unknown --log-format '\(logFormat)'; allowed: text, json") }
        if pollSeconds <= 0 || heartbeatSeconds <= 0 || retrySeconds < 0 {
            throw ValidationError("--poll-seconds and --heartbeat-seconds must be positive, --retry-seconds not negative")
        }
    }

    func run() async throws {
        guard let url = URL(string: server), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw CLIError(.badInput, "--server '\(server)' is not an http(s) URL")
        }
        let stop = StopFlag()
        stop.install(signals: [SIGINT, SIGTERM])
        let local = try SQLiteStore(path: db ?? ProcessInfo.processInfo.environment["VERNIER_AGENT_DB"] ?? "vernier-agent.sqlite")
        try register(store: local)
        var session = try timing.session(store: local, device: device, onTimeBase: timeBaseOptions.onTimeBase)
        session.profile.measurementSettings = session.harness.settings
        if let move = try session.recheckTimeBase() {
            logLine(String(format: "time base moved from %.4f to %.4f ms (%@); %d local entries rescaled",
                           move.fromMs, move.toMs, move.reason, move.rescaledEntries))
        }
        try session.saveProfile(directory: nil)
        let agent = Agent(
            client: ServiceClient(server: url, token: try bearerToken(), retrySeconds: retrySeconds), profile: session.profile, local: local,
            backend: session.backend, settings: session.harness.settings, timeBase: session.timeBase,
            options: Agent.Options(batchSize: batchSize, pollSeconds: pollSeconds, exitWhenIdle: exitWhenIdle,
                                   heartbeatSeconds: heartbeatSeconds),
            shouldStop: { stop.isSet }, log: logLine)
        do {
            let finished = try await agent.run()
            JSONOutput.write("finished \(finished) job\(finished == 1 ? "" : "s")\n")
        } catch let error as ServiceClientError {
            throw CLIError(.badInput, error.description)
        }
    }

    /// Makes this machine known under `--device` (probed, with its roofline unless `--no-roofline`):
    /// the agent runs on the device it measures, so one command registers it.
    func register(store: Store) throws {
        let log = logLine
        var profile: DeviceProfile
        if let record = try store.device(id: device ?? DeviceProbe.thisMachineID()) {
            profile = try DeviceProfile.decodeStored(record.profile, id: record.id)
        } else if let device, let written = try DeviceRegistry.written(id: device, directory: DeviceRegistry.directory) {
            profile = written
        } else {
            profile = DeviceProbe.probe(id: device ?? DeviceProbe.thisMachineID())
            log("registered this machine as \(profile.id): \(profile.cpuModel), \(profile.threads) threads")
        }
        if profile.roofline == nil && profile.source == nil && !noRoofline {
            log("measuring the roofline of \(profile.id) (peaks, bandwidths; --no-roofline skips it)")
            profile.roofline = RooflineMeasurer.measure(profile: profile, threads: profile.threads)
        }
        try DeviceRegistry.save(profile, store: store, directory: nil)
    }

    /// Writes one log line to stderr: `agent: …`, or a JSON object with `--log-format json`.
    var logLine: @Sendable (String) -> Void {
        let json = logFormat == "json"
        return { line in
            let text = json ? JSONLogHandler.line(level: "info", label: "vernier.agent", message: line) : "agent: \(line)"
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    /// The token from --token, else --token-file, else $VERNIER_TOKEN.
    func bearerToken() throws -> String {
        if let token { return token }
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8),
                  let line = text.split(whereSeparator: \.isNewline).first?.trimmingCharacters(in: .whitespaces), !line.isEmpty else {
                throw CLIError(.badInput, "--token-file \(tokenFile) is unreadable or empty")
            }
            return line
        }
        if let token = ProcessInfo.processInfo.environment["VERNIER_TOKEN"], !token.isEmpty { return token }
        throw CLIError(.badInput, "no token: give --token-file FILE, set VERNIER_TOKEN, or --token TOKEN (from `vernier token create`)")
    }
}
