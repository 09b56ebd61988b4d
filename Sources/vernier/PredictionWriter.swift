import Foundation

/// Writes `predict`'s results to stdout as they come, in chunks (nothing is held but the chunk).
///
/// One latency per arch (one device): a JSON array of `{"arch", "latency_ms"}` objects (as
/// ``JSONOutput`` would encode the whole array), CSV `arch,latency_ms`, or one
/// `"  12.3456 ms  ARCH"` line each. Several devices (`--device a,b`), one column each: JSON
/// objects `{"arch", "latency_ms_by_device": {"a": 1.2, "b": 3.4}}`, CSV `arch,a,b` (ms), or a
/// header line of device names over one `ms` column per device, then the arch.
struct PredictionWriter {
    /// What is printed.
    let format: TableOutputOptions.Format
    /// The device of each latency when there are several; nil for the one-latency output.
    let devices: [String]?
    private var buffer = Data()
    private var written = 0
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A writer of `format`, with one latency column per device of `devices` (nil: one latency).
    init(format: TableOutputOptions.Format, devices: [String]? = nil) {
        self.format = format
        self.devices = devices
        switch format {
        case .csv:
            buffer.append(contentsOf: CSVOutput.line(["arch"] + (devices ?? ["latency_ms"])).utf8)
        case .text:
            if let devices {
                buffer.append(contentsOf: (devices.map { Self.padded($0, to: Self.columnWidth($0)) }.joined() + "  arch\n").utf8)
            }
        case .json:
            break
        }
    }

    /// Adds the prediction of `arch`: `latencies` in ms, one per device (flushed every 1 MiB).
    mutating func add(arch: String, latencies: [Double]) throws {
        switch format {
        case .json:
            buffer.append(written == 0 ? UInt8(ascii: "[") : UInt8(ascii: ","))
            if let devices {
                let byDevice = Dictionary(uniqueKeysWithValues: zip(devices, latencies))
                buffer.append(try encoder.encode(PredictCommand.DevicePrediction(arch: arch, latencyMsByDevice: byDevice)))
            } else {
                buffer.append(try encoder.encode(PredictCommand.Prediction(arch: arch, latencyMs: latencies[0])))
            }
        case .csv:
            buffer.append(contentsOf: CSVOutput.line([arch] + latencies.map { CSVOutput.number($0) }).utf8)
        case .text:
            if let devices {
                var line = ""
                for (device, latency) in zip(devices, latencies) {
                    line += Self.padded(String(format: "%.4f ms", latency), to: Self.columnWidth(device))
                }
                buffer.append(contentsOf: (line + "  " + arch + "\n").utf8)
            } else {
                buffer.append(contentsOf: (String(format: "%10.4f ms  ", latencies[0]) + arch + "\n").utf8)
            }
        }
        written += 1
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Closes the JSON array (an empty one when nothing was added) and writes what is left.
    mutating func finish() throws {
        if format == .json { buffer.append(contentsOf: (written == 0 ? "[]\n" : "]\n").utf8) }
        flush()
    }

    private mutating func flush() {
        FileHandle.standardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Width of a device's text column: its name, or `12345.6789 ms`, whichever is wider, and two spaces.
    private static func columnWidth(_ device: String) -> Int { max(device.count, 13) + 2 }

    /// `text` right-aligned in `width` characters.
    private static func padded(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
