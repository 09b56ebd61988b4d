import Foundation
import Hummingbird
import VernierKit
import VernierModel

/// `GET /v1/devices/{id}`: the device's profile (its fields at the top level, as
/// `device-profiles/<id>.json` has them) plus `luts`, the LUTs the store holds for it, and
/// `calibrations`, its calibrated models (what `GET /v1/devices/{id}/calibrations` lists).
struct DeviceDetail: ResponseEncodable, Sendable {
    /// One stored LUT of the device (``StoredLUT`` without the device and the backend's details).
    struct LUT: Encodable, Sendable {
        /// Space name, or `other` for entries in no space's LUT.
        let space: String
        let backend: String
        /// The resolutions the LUT covers (several for ofa-mbv3, none for `other`).
        let resolutions: [Int]
        /// The space's distinct layers at those resolutions with an entry (for `other`: its entries).
        let entries: Int
        /// The space's distinct layers at those resolutions (`null` for `other`).
        let layers: Int?
        /// When the newest entry of the backend was stored (ISO 8601).
        let updatedAt: String

        enum CodingKeys: String, CodingKey {
            case space, backend, resolutions, entries, layers
            case updatedAt = "updated_at"
        }

        init(_ lut: StoredLUT) {
            space = lut.space
            backend = lut.backend
            resolutions = lut.resolutions
            entries = lut.entries
            layers = lut.layers
            updatedAt = StoredLUT.timestamp(lut.lastMeasuredAt)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(space, forKey: .space)
            try container.encode(backend, forKey: .backend)
            try container.encode(resolutions, forKey: .resolutions)
            try container.encode(entries, forKey: .entries)
            try container.encode(layers, forKey: .layers)
            try container.encode(updatedAt, forKey: .updatedAt)
        }
    }

    /// The stored profile.
    let profile: DeviceProfile
    /// The device's LUTs (``StoredLUT/all(store:device:)``'s order).
    let luts: [LUT]
    /// Its calibrated models, by file name.
    let calibrations: [CalibrationsController.Row]

    enum CodingKeys: String, CodingKey {
        case luts, calibrations
    }

    /// The profile's keys, then `luts` and `calibrations` in the same object.
    func encode(to encoder: any Encoder) throws {
        try profile.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(luts, forKey: .luts)
        try container.encode(calibrations, forKey: .calibrations)
    }
}
