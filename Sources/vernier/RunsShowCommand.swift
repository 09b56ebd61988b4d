import ArgumentParser
import Foundation
import VernierStore

/// `vernier runs show ID`: the stored result document of a search run (`search --json`'s).
struct RunsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a stored search run's result (the search --json document).")

    @Argument(help: "Run id (from `vernier runs list` or the search's output).")
    var id: Int64

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let runs = try storeOptions.open().searchRuns()
        guard let run = runs.first(where: { $0.id == id }) else {
            let known = runs.compactMap(\.id).map(String.init)
            throw CLIError(.badInput, "no search run \(id); stored: \(known.isEmpty ? "none" : known.suffix(20).joined(separator: ", "))")
        }
        // The stored document has run_id null (the id is the row's): fill it in.
        guard var document = try? JSONSerialization.jsonObject(with: Data(run.result.utf8)) as? [String: Any] else {
            throw CLIError(.badInput, "search run \(id)'s stored result is not JSON")
        }
        document["run_id"] = id
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        JSONOutput.write(String(decoding: data, as: UTF8.self) + "\n")
    }
}
