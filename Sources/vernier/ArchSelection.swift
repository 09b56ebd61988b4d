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
        try ResolutionRule.check(resolution, space: space)
    }

    /// Calls `body` with each arch text in input order and where it came from (built only when
    /// asked, for an error message). The archs file is read line by line, never held whole: blank
    /// lines and `#` comments are skipped, a byte-order mark and CRLF line ends are not part of an arch.
    func forEachText(_ body: (_ text: String, _ origin: () -> String) throws -> Void) throws {
        for (index, text) in arch.enumerated() { try body(text) { "--arch #\(index + 1)" } }
        guard let archsFile else { return }
        try LineReader.forEachLine(path: archsFile, what: "--archs-file") { line, number in
            let trimmed = line.first?.isWhitespace == true || line.last?.isWhitespace == true
                ? line.trimmingCharacters(in: .whitespaces) : String(line)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { return }
            try body(trimmed) { "\(archsFile) line \(number)" }
        }
    }

    /// The arch texts in input order, each with where it came from (for error messages).
    func texts() throws -> [(text: String, origin: String)] {
        var result: [(text: String, origin: String)] = []
        try forEachText { text, origin in result.append((text, origin())) }
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
