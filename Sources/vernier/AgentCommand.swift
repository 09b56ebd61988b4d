import ArgumentParser
import Dispatch
import Foundation
import VernierAgent
import VernierKit
import VernierProfiler

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

    @Option(help: "Device id (default: this machine's).")
    var device: String?

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
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
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
        let local = try storeOptions.open()
        var session = try timing.session(store: local, device: device, onTimeBase: timeBaseOptions.onTimeBase)
        session.profile.measurementSettings = session.harness.settings
        if let move = try session.recheckTimeBase() {
            FileHandle.standardError.write(Data(String(format: "agent: time base moved from %.4f to %.4f ms (%@); %d local entries rescaled\n",
                                                       move.fromMs, move.toMs, move.reason, move.rescaledEntries).utf8))
        }
        try session.saveProfile(directory: nil)
        let agent = Agent(
            client: ServiceClient(server: url, token: try bearerToken(), retrySeconds: retrySeconds), profile: session.profile, local: local,
            backend: session.backend, settings: session.harness.settings, timeBase: session.timeBase,
            options: Agent.Options(batchSize: batchSize, pollSeconds: pollSeconds, exitWhenIdle: exitWhenIdle,
                                   heartbeatSeconds: heartbeatSeconds),
            shouldStop: { stop.isSet }, log: { FileHandle.standardError.write(Data("agent: \($0)\n".utf8)) })
        do {
            let finished = try await agent.run()
            JSONOutput.write("finished \(finished) job\(finished == 1 ? "" : "s")\n")
        } catch let error as ServiceClientError {
            throw CLIError(.badInput, error.description)
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
