import VernierModel
import VernierProfiler
import VernierStore

/// A device's LUT for one space, as `lut export` writes it and `GET /v1/devices/{id}/lut/{space}`
/// returns it: the stored entries of the space's distinct layers (or every entry, for `all`).
public struct SpaceLUT {
    /// The LUT file.
    public let file: LUTFile
    /// Layers of the space the device has no entry for.
    public let missing: Int

    /// Reads the LUT of `space` (`all`: every entry) at `resolution` (nil: the space's) for
    /// `device` on `backend`.
    /// - Throws: ``UseCaseError``: an unknown device or space, or no entry, is `notFound`.
    public init(store: Store, device: String, backend: String, space: String, resolution: Int?) throws {
        guard try store.device(id: device) != nil else {
            throw UseCaseError(.notFound, "unknown device '\(device)'; known: \(DeviceRegistry.knownDevices(store))")
        }
        var keys: Set<String>?
        var missing = 0
        var name = space
        if space != "all" {
            let searchSpace: any SearchSpace
            do { searchSpace = try Spaces.named(space) } catch { throw UseCaseError(.notFound, "\(error)") }
            name = searchSpace.name
            let wanted = Set(searchSpace.distinctLayers(resolution: resolution).map(\.key))
            keys = wanted
            missing = wanted.subtracting(try store.lutKeys(device: device, backend: backend)).count
        }
        let records = try store.lutEntries(device: device, backend: backend, keys: keys)
        guard !records.isEmpty else {
            throw UseCaseError(.notFound, "device \(device) has no \(backend) LUT entries for \(name); run `vernier profile --space \(name)` on it first")
        }
        file = LUTFile(device: device, space: name, backend: backend, records: records)
        self.missing = missing
    }
}
