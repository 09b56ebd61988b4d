import VernierModel
import VernierProfiler
import VernierStore

/// A store as the profiler's LUT builder and arch measurer see it: the profiler defines what it
/// needs (``LUTEntrySink``, ``ArchMeasurementSink``) and never imports the store; this adapter
/// hands those calls to any ``Store``.
public struct StoreSink: LUTEntrySink, ArchMeasurementSink {
    /// The store the calls go to.
    public let store: any Store

    /// Adapts `store`.
    public init(_ store: any Store) { self.store = store }

    public func lutKeys(device: String, backend: String) throws -> Set<String> {
        try store.lutKeys(device: device, backend: backend)
    }

    public func claimLUTKey(device: String, backend: String, key: String, owner: String,
                            isAlive: (String) -> Bool) throws -> Bool {
        try store.claimLUTKey(device: device, backend: backend, key: key, owner: owner, isAlive: isAlive)
    }

    public func releaseLUTClaim(device: String, backend: String, key: String) throws {
        try store.releaseLUTClaim(device: device, backend: backend, key: key)
    }

    public func commitLUTEntry(_ entry: LUTEntryRecord) throws -> Bool { try store.commitLUTEntry(entry) }

    public func replaceLUTEntry(_ entry: LUTEntryRecord) throws { try store.replaceLUTEntries([entry]) }

    public func archMeasurements(device: String, backend: String, space: String, resolution: Int) throws -> [ArchMeasurementRecord] {
        try store.archMeasurements(device: device, backend: backend, space: space, resolution: resolution)
    }

    public func claimArch(device: String, backend: String, space: String, resolution: Int, arch: String, owner: String,
                          isAlive: (String) -> Bool) throws -> Bool {
        try store.claimArch(device: device, backend: backend, space: space, resolution: resolution, arch: arch, owner: owner,
                            isAlive: isAlive)
    }

    public func releaseArchClaim(device: String, backend: String, space: String, resolution: Int, arch: String) throws {
        try store.releaseArchClaim(device: device, backend: backend, space: space, resolution: resolution, arch: arch)
    }

    public func commitArchMeasurement(_ record: ArchMeasurementRecord) throws -> Bool { try store.commitArchMeasurement(record) }
}
