import Foundation

/// The command line of the fuzz binary:
///
///     VERNIER_FUZZ_TARGET=<name> VernierFuzz [libFuzzer options] [corpus folders]
///     VernierFuzz --list          (each target's name and what it feeds)
///     VernierFuzz --seeds DIR     (writes each target's seed inputs to DIR/<target>/)
///
/// `scripts/fuzz.sh` builds this with coverage and AddressSanitizer and runs it.
enum FuzzCommand {
    /// Runs the command; returns the exit status.
    static func run(_ arguments: [String]) -> Int32 {
        if arguments.first == "--list" {
            for target in fuzzTargets { print("\(target.name)\t\(target.summary)") }
            return 0
        }
        if arguments.first == "--seeds", arguments.count == 2 {
            return writeSeeds(to: URL(fileURLWithPath: arguments[1]))
        }
        let wanted = ProcessInfo.processInfo.environment["VERNIER_FUZZ_TARGET"] ?? ""
        guard let chosen = fuzzTargets.first(where: { $0.name == wanted }) else {
            complain("set VERNIER_FUZZ_TARGET to one of: \(fuzzTargets.map(\.name).joined(separator: ", "))")
            return 2
        }
        do {
            FuzzLoop.target = try chosen.make()
        } catch {
            complain("cannot prepare fuzz target \(wanted): \(error)")
            return 1
        }
        return FuzzLoop.run()
    }

    private static func writeSeeds(to root: URL) -> Int32 {
        do {
            for target in fuzzTargets {
                let folder = root.appendingPathComponent(target.name)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                for (index, seed) in target.seeds().enumerated() {
                    try seed.write(to: folder.appendingPathComponent("seed-\(index)"))
                }
            }
            return 0
        } catch {
            complain("cannot write seeds: \(error)")
            return 1
        }
    }

    private static func complain(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
}
