import ArgumentParser
import Foundation
import Hummingbird
import Logging
import VernierService

/// `vernier serve`: the HTTP service (devices, LUTs, predictions, the agents' job queue).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve devices, LUTs, predictions and the agents' job queue over HTTP.")

    @Option(help: "Host to bind.")
    var host = "127.0.0.1"

    @Option(help: "Port to bind.")
    var port = 8080

    @Flag(name: .customLong("closed-reads"), help: "Require a token for reads too (by default only writes need one).")
    var closedReads = false

    @Option(name: .customLong("lease-seconds"), help: "How long an agent's lease on a job lasts without a heartbeat.")
    var leaseSeconds = 60.0

    @Option(name: .customLong("max-predict-archs"), help: "Most archs one POST /v1/predict may ask for.")
    var maxPredictArchs = 10_000

    @Option(help: "Directory of calibration files <device>-<space>.json for the calibrated predictor.")
    var calibrations = "calibration"

    @Option(name: .customLong("search-data"), help: "Directory that table:/surrogate: files of POST /v1/search are relative to.")
    var searchData = "."

    @Option(name: .customLong("log-format"), help: "Log lines as text or json (one JSON object per line: ts, level, label, message, metadata).")
    var logFormat = "text"

    @Flag(name: .customLong("no-access-log"), help: "Do not log every request (method, path, status, ms).")
    var noAccessLog = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if !(1...65535).contains(port) { throw ValidationError("--port must be 1...65535") }
        if leaseSeconds <= 0 { throw ValidationError("--lease-seconds must be positive") }
        if maxPredictArchs < 1 { throw ValidationError("--max-predict-archs must be at least 1") }
        if !["text", "json"].contains(logFormat) { throw ValidationError("unknown --log-format '\(logFormat)'; allowed: text, json") }
    }

    func run() async throws {
        let store = try storeOptions.open()
        let configuration = ServiceConfiguration(host: host, port: port, openReads: !closedReads, leaseSeconds: leaseSeconds,
                                                 maxPredictArchs: maxPredictArchs, calibrationDirectory: calibrations,
                                                 searchDataDirectory: searchData, accessLog: !noAccessLog)
        if logFormat == "json" { LoggingSystem.bootstrap { label in JSONLogHandler(label: label) } }
        var logger = Logger(label: "vernier.serve")
        logger.logLevel = .info
        logger.info("serving \(store.path) on http://\(host):\(port) (reads \(closedReads ? "need a token" : "open"))")
        try await buildApplication(configuration, store: store, logger: logger).runService()
    }
}
