import Foundation
import Hummingbird
import VernierPredict

/// `GET /v1/devices/{id}/calibrations`: the calibrated models the service holds for a device (the
/// files `<id>-<space>….json` of its calibration directory that are that device's), each with its
/// held-out figures, for the browser view's device page.
struct CalibrationsController {
    let access: StoreAccess
    let configuration: ServiceConfiguration

    func addRoutes(to group: RouterGroup<ServiceContext>) {
        group.get(":id/calibrations", use: list)
    }

    /// One calibrated model.
    struct Row: ResponseEncodable, Sendable {
        /// The model's file name in the calibration directory.
        let file: String
        let space: String
        let resolution: Int
        /// What it was fitted on (`measured:native`, `csv:…#column`, `transfer:…`).
        let source: String
        let fit: String
        let createdAt: String
        /// Held-out share within ±10 % and ±5 %, MAPE (%), Spearman ρ and test rows (nil where not finite or not held out).
        let within10pct: Double?
        let within5pct: Double?
        let mape: Double?
        let spearman: Double?
        let nTest: Int?

        enum CodingKeys: String, CodingKey {
            case file, space, resolution, source, fit, mape, spearman
            case createdAt = "created_at", within10pct = "within_10pct", within5pct = "within_5pct", nTest = "n_test"
        }
    }

    /// Models sorted by file name; files that are not this device's calibrations are skipped.
    @Sendable func list(_ request: Request, context: ServiceContext) async throws -> [Row] {
        let id = try context.pathParameter("id")
        _ = try await access.device(id)
        let directory = configuration.calibrationDirectory
        return try await access.run { Self.rows(device: id, directory: directory) }
    }

    /// The calibrated models of device `id` in `directory`, sorted by file name: the files
    /// `<id>-….json` that hold a model of that device (others, and unreadable files, are skipped).
    /// Reads files: call it off the cooperative threads (``StoreAccess/run(_:)``).
    static func rows(device id: String, directory: String) -> [Row] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("\(id)-") && $0.hasSuffix(".json") }.sorted().compactMap { name -> Row? in
            guard let model = try? CalibrationModel.load(path: (directory as NSString).appendingPathComponent(name)),
                  model.device == id else { return nil }
            let report = model.holdout
            func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }
            return Row(file: name, space: model.space, resolution: model.resolution, source: model.source,
                       fit: model.fit.rawValue, createdAt: model.createdAt, within10pct: finite(report?.within10pct),
                       within5pct: finite(report?.within5pct), mape: finite(report?.mape), spearman: finite(report?.spearman),
                       nTest: report?.nTest)
        }
    }
}
