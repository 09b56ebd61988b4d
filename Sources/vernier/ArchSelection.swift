import ArgumentParser
import Foundation
import VernierModel

/// `--space`, `--arch`/`--archs-file` and `--resolution`: which architectures a command works on.
struct ArchSelection: ParsableArguments {
    @Option(help: "Search space: nb201, fbnet, mnasnet, ofa-mbv3 or custom.")
    var space: String

    @Option(help: "A canonical arch string or a named arch (repeatable); for custom, a JSON layer file.")
    var arch: [String] = []

    @Option(name: .customLong("archs-file"), help: "A file with one arch per line (blank lines and # comments skipped).")
    var archsFile: String?

    @Option(help: "Input resolution (default: the space's).")
    var resolution: Int?

    func validate() throws {
        if arch.isEmpty && archsFile == nil { throw ValidationError("give --arch or --archs-file") }
        if let resolution, let problem = SizeLimits.check(resolution, in: SizeLimits.resolution, field: "--resolution") {
            throw ValidationError(problem)
        }
    }

    /// The arch texts in input order, each with where it came from (for error messages).
    func texts() throws -> [(text: String, origin: String)] {
        var result = arch.enumerated().map { (text: $0.element, origin: "--arch #\($0.offset + 1)") }
        if let archsFile {
            let content: String
            do { content = try String(contentsOfFile: archsFile, encoding: .utf8) } catch {
                throw CLIError(.unreadableFile, "cannot read --archs-file \(archsFile): \(error.localizedDescription)")
            }
            // A byte-order mark and CRLF line ends (files saved on Windows) are not part of an arch.
            let text = content.hasPrefix("\u{FEFF}") ? Substring(content.dropFirst()) : Substring(content)
            for (number, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
                let raw = Substring(line)
                let trimmed = raw.first?.isWhitespace == true || raw.last?.isWhitespace == true
                    ? raw.trimmingCharacters(in: .whitespacesAndNewlines) : String(raw)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                result.append((text: trimmed, origin: "\(archsFile) line \(number + 1)"))
            }
        }
        return result
    }

    /// Builds every selected architecture in turn and keeps only `transform`'s result (graphs
    /// are not retained); an invalid arch is an error naming its origin.
    func mapArchitectures<T>(_ transform: (Architecture) throws -> T) throws -> [T] {
        let inputs = try texts()
        if space == "custom" {
            return try inputs.map { input in
                do { return try transform(try CustomModel.load(path: input.text, resolution: resolution)) } catch let error as ArchError {
                    throw CLIError(.badInput, "\(input.origin): \(error)")
                }
            }
        }
        let searchSpace = try Spaces.named(space)
        let side = resolution ?? searchSpace.defaultResolution
        return try inputs.map { input in
            do { return try transform(searchSpace.architecture(try searchSpace.parseOrNamed(input.text), resolution: side)) } catch let error as ArchError {
                throw CLIError(.badInput, "\(input.origin): \(error)")
            }
        }
    }
}
