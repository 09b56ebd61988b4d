import Foundation
import VernierModel

/// Arch strings of every built-in space, with and without a resolution: the first byte picks the
/// space, the next two an optional resolution (any 16-bit value, in range or not), the rest is the
/// arch text. Accepted archs must have finite, non-negative costs and format back to a string the
/// space parses to the same encoding.
struct ArchStringTarget: FuzzTarget {
    static let name = "arch"
    static let summary = "arch strings of nb201, fbnet, mnasnet, ofa-mbv3 (parse, build, cost, round trip)"

    init() {}

    /// Sampled and named archs of each space, at the default resolution and at a few others.
    static var seeds: [Data] {
        var seeds: [Data] = []
        for (index, space) in Spaces.all.enumerated() {
            let texts = space.sample(count: 3, seed: 1).map(space.format) + space.namedArchitectures.prefix(2).map(\.name)
            for (n, text) in texts.enumerated() {
                let resolution: UInt16 = [0, 32, 224, 9][n % 4]
                seeds.append(Data([UInt8(index), UInt8(resolution >> 8), UInt8(resolution & 0xFF)] + Array(text.utf8)))
            }
        }
        return seeds
    }

    func run(_ data: Data) {
        guard data.count >= 3 else { return }
        let bytes = [UInt8](data)
        let space = Spaces.all[Int(bytes[0]) % Spaces.all.count]
        let raw = Int16(bitPattern: UInt16(bytes[1]) << 8 | UInt16(bytes[2]))
        let resolution: Int? = raw % 3 == 0 ? nil : Int(raw)
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        guard let arch = try? space.architecture(text, resolution: resolution) else { return }
        let cost = arch.cost
        if cost.macs < 0 || cost.params < 0 || cost.activationBytes < 0 {
            FuzzFailure.fail("negative cost \(cost)", input: "\(space.name) \(text) @\(resolution.map(String.init) ?? "default")")
        }
        _ = arch.effectiveNodes
        _ = arch.layers.map(\.key)
        let encoding = try! space.parseOrNamed(text)
        let formatted = space.format(encoding)
        guard let again = try? space.parse(formatted), again == encoding else {
            FuzzFailure.fail("format does not round-trip: \(formatted)", input: "\(space.name) \(text)")
        }
    }
}
