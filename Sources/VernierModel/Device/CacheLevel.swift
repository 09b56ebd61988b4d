/// One CPU cache as reported by sysfs.
public struct CacheLevel: Codable, Hashable, Sendable {
    /// 1, 2, 3…
    public var level: Int
    /// `Data`, `Instruction` or `Unified`.
    public var type: String
    /// Size in bytes of one instance.
    public var sizeBytes: Int
    /// Logical CPUs sharing one instance.
    public var sharedBy: Int

    /// Creates a value from all its fields.
    public init(level: Int, type: String, sizeBytes: Int, sharedBy: Int) {
        self.level = level
        self.type = type
        self.sizeBytes = sizeBytes
        self.sharedBy = sharedBy
    }
}
