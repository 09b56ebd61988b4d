import VernierModel
import VernierProfiler
import VernierStore

/// Where a LUT comes from: a LUT file, or a device's entries for one backend in the store.
public enum LUTSource: Sendable, CustomStringConvertible {
    /// A Vernier LUT file (`lut/<device>/<space>.json`).
    case file(String)
    /// The entries stored for a device and backend.
    case stored(device: String, backend: String)

    /// The file when one is given, else the stored entries of `device` (default: this machine) on `backend`.
    public init(file: String?, device: String?, backend: String) {
        if let file { self = .file(file) } else { self = .stored(device: device ?? DeviceProbe.thisMachineID(), backend: backend) }
    }

    /// The path, or `<device>/<backend>`: what calibration files record as their LUT's source.
    public var description: String {
        switch self {
        case .file(let path): path
        case .stored(let device, let backend): "\(device)/\(backend)"
        }
    }

    /// Layer key → median ms.
    /// - Throws: ``UseCaseError``: an unreadable or malformed file is `badInput`; a device with no
    ///   entries on the backend is `notFound`; a failing store is `storage`.
    public func table(store: @autoclosure () throws -> Store) throws -> [String: Double] {
        switch self {
        case .file(let path):
            do { return try LUTFile.load(path: path).entries.mapValues(\.stats.medianMs) } catch {
                throw UseCaseError(.badInput, "\(error)")
            }
        case .stored(let device, let backend):
            let table: [String: Double]
            do { table = try store().lutTable(device: device, backend: backend) } catch let error as UseCaseError {
                throw error
            } catch { throw UseCaseError(.storage, "\(error)") }
            guard !table.isEmpty else {
                // A device measured elsewhere cannot be profiled here: its LUT comes as a file.
                if let record = try? store().device(id: device), let source = (try? DeviceProfile.decodeStored(record.profile, id: device))?.source {
                    throw UseCaseError(.notFound, "device \(device) has no \(backend) LUT; it was imported (\(source)) and cannot be profiled here: import its LUT with `vernier lut import FILE --device \(device)` or give a LUT file (--lut)")
                }
                throw UseCaseError(.notFound, "device \(device) has no \(backend) LUT; profile it (vernier profile --space …) or give a LUT file")
            }
            return table
        }
    }
}
