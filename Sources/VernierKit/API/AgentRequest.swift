/// `heartbeat`, `complete`, `return`, and `fail` (with `error`).
public struct AgentRequest: Codable, Sendable {
    /// The agent's id, as in its lease.
    public var agent: String
    /// Why the job failed (`fail` only).
    public var error: String?

    /// Creates a request.
    public init(agent: String, error: String? = nil) {
        self.agent = agent
        self.error = error
    }
}
