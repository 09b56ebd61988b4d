import Foundation

/// How `vernier serve` runs: where it listens, what it allows and its limits.
public struct ServiceConfiguration: Sendable {
    /// Host to bind.
    public var host: String
    /// Port to bind (0: any free port).
    public var port: Int
    /// Whether reads (GET, and `POST /v1/predict`) work without a token.
    public var openReads: Bool
    /// How long an agent's lease on a job lasts without a heartbeat.
    public var leaseSeconds: Double
    /// Most archs one `POST /v1/predict` may ask for.
    public var maxPredictArchs: Int
    /// Directory of calibration files (`<device>-<space>.json`) for the `calibrated` predictor.
    public var calibrationDirectory: String
    /// Directory that `table:` and `surrogate:` files of server-side searches are relative to.
    public var searchDataDirectory: String
    /// Whether every request is logged (``AccessLogMiddleware``); `vernier serve` turns it on.
    public var accessLog: Bool

    /// Creates a configuration.
    public init(host: String = "127.0.0.1", port: Int = 8080, openReads: Bool = true, leaseSeconds: Double = 60,
                maxPredictArchs: Int = 10_000, calibrationDirectory: String = "calibration",
                searchDataDirectory: String = ".", accessLog: Bool = false) {
        self.accessLog = accessLog
        self.host = host
        self.port = port
        self.openReads = openReads
        self.leaseSeconds = leaseSeconds
        self.maxPredictArchs = maxPredictArchs
        self.calibrationDirectory = calibrationDirectory
        self.searchDataDirectory = searchDataDirectory
    }
}
