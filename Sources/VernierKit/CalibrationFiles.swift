import Foundation
import VernierModel
import VernierPredict

/// Where calibration models are saved, and the rule that one never silently replaces another
/// fitted from other data (a runner backend's model over the native one, say).
public enum CalibrationFiles {
    /// Where models go by default.
    public static let directory = "calibration"

    /// `calibration/<device>-<space>.json` for models of the native backend (and of CSV columns),
    /// `calibration/<device>-<space>-runner-<8 hex of the command>.json` for a runner backend's,
    /// so that models of one device on two backends do not share a file.
    public static func defaultPath(device: String, space: String, backend: String) -> String {
        path(directory: directory, device: device, space: space, suffix: backend == BackendName.native ? "" : "-\(slug(backend))")
    }

    /// `<directory>/<device>-<space><suffix>.json`: where the CLI saves a model and where the
    /// service keeps the one `predictor: calibrated` serves (no suffix).
    public static func path(directory: String, device: String, space: String, suffix: String = "") -> String {
        (directory as NSString).appendingPathComponent("\(device)-\(space)\(suffix).json")
    }

    /// A short stable name for a backend in file names: `runner-<8 hex>` (FNV-1a of the name).
    static func slug(_ backend: String) -> String {
        let hash = FNV1a.hash(backend)
        let prefix = backend.hasPrefix("runner:") ? "runner" : "backend"
        return "\(prefix)-\(String(format: "%08x", UInt32(truncatingIfNeeded: hash)))"
    }

    /// Refuses to write `model` over a file at `path` that holds something else — a calibration of
    /// another device, space, resolution or data source, or no calibration at all — unless `force`.
    /// - Throws: ``UseCaseError`` (`conflict`) naming both, and how to keep both.
    public static func checkOverwrite(_ path: String, with model: CalibrationModel, force: Bool) throws {
        guard !force, FileManager.default.fileExists(atPath: path) else { return }
        let existing: CalibrationModel
        do { existing = try CalibrationModel.load(path: path) } catch {
            throw UseCaseError(.conflict, "\(path) exists and is not a calibration this can replace (\(error.message)); give --out FILE, or --force to overwrite it")
        }
        let old = (existing.device, existing.space, existing.resolution, existing.source)
        let new = (model.device, model.space, model.resolution, model.source)
        guard old != new else { return }
        throw UseCaseError(.conflict, "\(path) holds the calibration of \(old.0) on \(old.1) at \(old.2) px from \(old.3); this one is of \(new.0) on \(new.1) at \(new.2) px from \(new.3): give --out FILE to keep both, or --force to replace it")
    }
}
