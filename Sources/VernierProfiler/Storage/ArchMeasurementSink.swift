import VernierModel

/// What the ``ArchitectureMeasurer`` needs from a store: the arch latencies a device already has,
/// claims so that concurrent measurers never time one arch twice, and an atomic commit.
///
/// The profiler defines it and does not import any store; the application layer adapts its store
/// to it (VernierKit declares `Store: ArchMeasurementSink`).
public protocol ArchMeasurementSink: Sendable {
    /// Arch latencies stored for `device` on `backend` in `space` at `resolution`.
    func archMeasurements(device: String, backend: String, space: String, resolution: Int) throws -> [ArchMeasurementRecord]
    /// Claims `arch` for `owner`; `false` when it is stored already or claimed by an owner for
    /// which `isAlive` returns `true`.
    func claimArch(device: String, backend: String, space: String, resolution: Int, arch: String, owner: String,
                   isAlive: (String) -> Bool) throws -> Bool
    /// Drops the claim on `arch`.
    func releaseArchClaim(device: String, backend: String, space: String, resolution: Int, arch: String) throws
    /// Stores `record` and drops its claim in one transaction; `false` when another run stored it first.
    func commitArchMeasurement(_ record: ArchMeasurementRecord) throws -> Bool
}
