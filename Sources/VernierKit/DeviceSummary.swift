import Foundation
import VernierModel
import VernierStore

/// What the store holds about one device: its hardware in one line, where its profile came from,
/// its LUTs (entries per backend) and the calibration files made for it (`device list --details`).
public struct DeviceSummary: Encodable, Sendable {
    /// Device id.
    public let id: String
    /// CPU model (`unknown` for an imported device).
    public let cpuModel: String
    /// Logical CPUs.
    public let threads: Int
    /// `probed` on the device itself, or where an imported device's data came from.
    public let source: String
    /// LUT entries per backend.
    public let luts: [String: Int]
    /// Calibration files of the device (`<calibration dir>/<id>-*.json`).
    public let calibrations: [String]

    enum CodingKeys: String, CodingKey {
        case id, threads, source, luts, calibrations
        case cpuModel = "cpu_model"
    }

    /// Every device of `store`, with the calibration files found in `calibrationDirectory`.
    /// - Throws: ``UseCaseError`` (`storage`) when a stored profile is unreadable.
    public static func all(store: Store, calibrationDirectory: String = CalibrationFiles.directory) throws -> [DeviceSummary] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: calibrationDirectory))?.sorted() ?? []
        return try store.devices().map { record in
            let profile = try DeviceRegistry.decode(record, id: record.id)
            var luts: [String: Int] = [:]
            for backend in try store.lutBackends(device: record.id) {
                luts[backend] = try store.lutKeys(device: record.id, backend: backend).count
            }
            let calibrations = files.filter { $0.hasPrefix("\(record.id)-") && $0.hasSuffix(".json") }
                .map { URL(fileURLWithPath: calibrationDirectory).appendingPathComponent($0).relativePath }
            return DeviceSummary(id: record.id, cpuModel: profile.cpuModel, threads: profile.threads,
                                 source: profile.source ?? "probed", luts: luts, calibrations: calibrations)
        }
    }
}
