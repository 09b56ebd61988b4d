import VernierProfiler

/// `POST /v1/jobs/{id}/results`: one batch of results, stored once per `batch` id.
public struct ResultsRequest: Codable, Sendable {
    /// The agent's id, as in its lease.
    public var agent: String
    /// The batch's id: a repeated batch is stored once.
    public var batch: String
    /// Backend the results were measured on.
    public var backend: String
    /// LUT entries by layer key (profile jobs), as in a LUT file.
    public var entries: [String: LUTEntry]?
    /// Whole-arch measurements (measure jobs).
    public var measurements: [MeasurementUpload]?

    /// Creates a batch.
    public init(agent: String, batch: String, backend: String, entries: [String: LUTEntry]?, measurements: [MeasurementUpload]?) {
        self.agent = agent
        self.batch = batch
        self.backend = backend
        self.entries = entries
        self.measurements = measurements
    }
}
