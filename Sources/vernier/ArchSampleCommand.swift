import ArgumentParser
import VernierModel

/// `vernier arch sample`: uniformly random canonical arch strings.
struct ArchSampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample", abstract: "Print N uniformly sampled canonical arch strings (the same for the same seed).")

    @Option(help: "Search space: nb201, fbnet, mnasnet or ofa-mbv3.")
    var space: String

    @Option(help: "How many architectures.")
    var count: Int

    @Option(help: "Random seed (1 by default, as in every command that samples).")
    var seed: UInt64 = 1

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard count >= 0 && count <= 100_000_000 else { throw ValidationError("--count \(count) is out of range 0...100000000") }
    }

    func run() async throws {
        let searchSpace = try Spaces.named(space)
        let texts = searchSpace.sample(count: count, seed: seed).map(searchSpace.format)
        if output.json { return try JSONOutput.print(texts) }
        JSONOutput.write(texts.isEmpty ? "" : texts.joined(separator: "\n") + "\n")
    }
}
