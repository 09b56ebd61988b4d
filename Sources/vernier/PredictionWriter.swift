import Foundation

/// Writes `predict`'s results to stdout as they come, in chunks: a JSON array (one object per
/// arch, as ``JSONOutput`` would encode the whole array) or one `"  12.3456 ms  ARCH"` line each.
struct PredictionWriter {
    let json: Bool
    private var buffer = Data()
    private var written = 0
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(json: Bool) { self.json = json }

    /// Adds one prediction (flushed every 1 MiB).
    mutating func add(_ prediction: PredictCommand.Prediction) throws {
        if json {
            buffer.append(written == 0 ? UInt8(ascii: "[") : UInt8(ascii: ","))
            buffer.append(try encoder.encode(prediction))
        } else {
            buffer.append(contentsOf: (String(format: "%10.4f ms  ", prediction.latencyMs) + prediction.arch + "\n").utf8)
        }
        written += 1
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Closes the JSON array (an empty one when nothing was added) and writes what is left.
    mutating func finish() throws {
        if json { buffer.append(contentsOf: (written == 0 ? "[]\n" : "]\n").utf8) }
        flush()
    }

    private mutating func flush() {
        FileHandle.standardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
