import Foundation
import VernierModel
import VernierStore

/// One LUT in the store, as `lut list` and `GET /v1/devices/{id}` show it: the entries a device
/// has on a backend for one space at its resolution(s).
///
/// The store keeps entries per device, backend and layer key, with no space: a key means the same
/// layer in every space. A space's LUT at resolution R is recognised by its first layer, the one
/// that reads the R×R image (`conv-input:RxRx3-…`): where that entry is stored, the LUT is listed
/// with how many of the space's distinct layers at R have an entry. For ofa-mbv3, whose archs
/// carry their own resolution, one LUT covers every resolution whose first layer is stored.
/// Entries of the backend that belong to no LUT so found (a build stopped before its first layer,
/// a custom model) are listed once more under the space ``otherSpace``.
public struct StoredLUT: Encodable, Sendable, Equatable {
    /// Device id.
    public let device: String
    /// Backend name.
    public let backend: String
    /// Space name, or ``otherSpace``.
    public let space: String
    /// The resolutions the LUT covers, ascending: one for most spaces, each stored one for
    /// ofa-mbv3, none for ``otherSpace``.
    public let resolutions: [Int]
    /// Entries of the LUT: the space's distinct layers at ``resolutions`` with an entry (an entry
    /// two spaces share counts in both); for ``otherSpace``, the entries in no listed LUT.
    public let entries: Int
    /// The space's distinct layers at ``resolutions`` (`nil` for ``otherSpace``).
    public let layers: Int?
    /// Entries the device has on the backend, every space together.
    public let backendEntries: Int
    /// Where the backend's entries came from (`measured`, `imported:<format>`), sorted.
    public let sources: [String]
    /// When the backend's oldest entry was measured or imported.
    public let firstMeasuredAt: Date
    /// When its newest entry was measured or imported: when the backend's LUTs last changed.
    public let lastMeasuredAt: Date
    /// The time bases the device profile holds for the backend, one per thread count.
    public let timeBases: [TimeBase]

    /// The ``space`` of entries that belong to no LUT found.
    public static let otherSpace = "other"

    /// Creates a listed LUT.
    public init(device: String, backend: String, space: String, resolutions: [Int], entries: Int, layers: Int?,
                backendEntries: Int, sources: [String], firstMeasuredAt: Date, lastMeasuredAt: Date, timeBases: [TimeBase]) {
        self.device = device
        self.backend = backend
        self.space = space
        self.resolutions = resolutions
        self.entries = entries
        self.layers = layers
        self.backendEntries = backendEntries
        self.sources = sources
        self.firstMeasuredAt = firstMeasuredAt
        self.lastMeasuredAt = lastMeasuredAt
        self.timeBases = timeBases
    }

    enum CodingKeys: String, CodingKey {
        case device, backend, space, resolutions, entries, layers, sources
        case backendEntries = "backend_entries"
        case firstMeasuredAt = "first_measured_at"
        case lastMeasuredAt = "last_measured_at"
        case timeBases = "time_bases"
    }

    enum TimeBaseKeys: String, CodingKey {
        case threads, cv
        case referenceKey = "reference_key"
        case referenceMs = "reference_ms"
        case measuredAt = "measured_at"
    }

    /// snake_case keys; dates as ISO 8601 text; `layers` as `null` for ``otherSpace``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(device, forKey: .device)
        try container.encode(backend, forKey: .backend)
        try container.encode(space, forKey: .space)
        try container.encode(resolutions, forKey: .resolutions)
        try container.encode(entries, forKey: .entries)
        try container.encode(layers, forKey: .layers)
        try container.encode(backendEntries, forKey: .backendEntries)
        try container.encode(sources, forKey: .sources)
        try container.encode(Self.timestamp(firstMeasuredAt), forKey: .firstMeasuredAt)
        try container.encode(Self.timestamp(lastMeasuredAt), forKey: .lastMeasuredAt)
        var bases = container.nestedUnkeyedContainer(forKey: .timeBases)
        for base in timeBases {
            var nested = bases.nestedContainer(keyedBy: TimeBaseKeys.self)
            try nested.encode(base.threads, forKey: .threads)
            try nested.encode(base.referenceKey, forKey: .referenceKey)
            try nested.encode(base.referenceMs, forKey: .referenceMs)
            try nested.encode(base.cv, forKey: .cv)
            try nested.encode(base.measuredAt, forKey: .measuredAt)
        }
    }

    /// `date` as ISO 8601 text (UTC, whole seconds).
    public static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    /// The LUTs in `store`, by device, backend, then space in ``Spaces/all``'s order and
    /// resolution (``otherSpace`` last); only those of `device` when it is given.
    /// - Throws: ``UseCaseError``: an unknown `device` is `notFound`; a store failure or an
    ///   unreadable stored profile is `storage`.
    public static func all(store: Store, device: String? = nil) throws -> [StoredLUT] {
        if let device { _ = try DeviceRegistry.stored(id: device, store: store) }
        do {
            var bases: [String: [TimeBase]] = [:]
            var result: [StoredLUT] = []
            for summary in try store.lutSummaries(device: device) {
                if bases[summary.deviceId] == nil {
                    let record = try store.device(id: summary.deviceId)
                    bases[summary.deviceId] = try record.map { try DeviceRegistry.decode($0, id: summary.deviceId) }?.timeBases ?? []
                }
                let keys = try store.lutKeys(device: summary.deviceId, backend: summary.backend)
                result += listed(keys: keys, summary: summary,
                                 timeBases: (bases[summary.deviceId] ?? []).filter { $0.backend == summary.backend })
            }
            return result
        } catch let error as UseCaseError {
            throw error
        } catch {
            throw UseCaseError(.storage, "\(error)")
        }
    }

    /// The LUTs among one backend's `keys`, then the rest under ``otherSpace``.
    static func listed(keys: Set<String>, summary: LUTSummaryRecord, timeBases: [TimeBase]) -> [StoredLUT] {
        func lut(_ space: String, _ resolutions: [Int], entries: Int, layers: Int?) -> StoredLUT {
            StoredLUT(device: summary.deviceId, backend: summary.backend, space: space, resolutions: resolutions,
                      entries: entries, layers: layers, backendEntries: keys.count, sources: summary.sources,
                      firstMeasuredAt: summary.firstMeasuredAt, lastMeasuredAt: summary.lastMeasuredAt, timeBases: timeBases)
        }
        let images = imageResolutions(in: keys)
        var result: [StoredLUT] = []
        var covered = Set<String>()
        for space in Spaces.all {
            if space.resolutionIsInArch {
                let layerKeys = Set(space.distinctLayers().map(\.key))
                let resolutions = Set(images.filter { layerKeys.contains($0.key) }.map { $0.value }).sorted()
                guard !resolutions.isEmpty else { continue }
                let stored = keys.intersection(layerKeys)
                covered.formUnion(stored)
                result.append(lut(space.name, resolutions, entries: stored.count, layers: layerKeys.count))
                continue
            }
            guard let probe = space.sample(count: 1, seed: 1).first else { continue }
            for resolution in Set(images.values).sorted() {
                // Building one arch names the space's first layer at this resolution; only where
                // it is stored are the space's distinct layers there worth finding.
                let arch = space.architecture(probe, resolution: resolution)
                guard let first = arch.layers.first(where: { $0.input == arch.input }), keys.contains(first.key) else { continue }
                let layerKeys = Set(space.distinctLayers(resolution: resolution).map(\.key))
                let stored = keys.intersection(layerKeys)
                covered.formUnion(stored)
                result.append(lut(space.name, [resolution], entries: stored.count, layers: layerKeys.count))
            }
        }
        let rest = keys.count - covered.count
        if rest > 0 { result.append(lut(otherSpace, [], entries: rest, layers: nil)) }
        return result
    }

    /// Keys of layers that read an R×R RGB image (`…-input:RxRx3-…`), with R, for R within
    /// ``SizeLimits/resolution``.
    static func imageResolutions(in keys: Set<String>) -> [String: Int] {
        var result: [String: Int] = [:]
        for key in keys {
            guard let start = key.range(of: "-input:") else { continue }
            let shape = key[start.upperBound...].prefix { $0 != "-" }
            let sizes = shape.split(separator: "x")
            guard sizes.count == 3, sizes[2] == "3", sizes[0] == sizes[1], let side = Int(sizes[0]),
                  SizeLimits.resolution.contains(side) else { continue }
            result[key] = side
        }
        return result
    }
}
