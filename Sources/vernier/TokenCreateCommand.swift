import ArgumentParser
import VernierService
import VernierStore

/// `vernier token create`: a new token, printed once; only its SHA-256 is stored.
struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a token and print it (only its SHA-256 is stored; it cannot be shown again).")

    @Option(help: "A unique name (shown in leases and logs).")
    var name: String

    @Option(help: "Limit the token to this device (for an agent).")
    var device: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        guard !name.isEmpty, name.count <= 64, !name.contains("/") else {
            throw CLIError(.badInput, "token name '\(name)' must be 1–64 characters without '/'")
        }
        let secret = TokenSecret.generate()
        do {
            _ = try storeOptions.open().createToken(name: name, hash: TokenSecret.hash(secret), device: device)
        } catch let error as StoreError where error.code == .conflict {
            throw CLIError(.badInput, "a token named '\(name)' exists already")
        }
        if output.json { return try JSONOutput.print(["name": name, "token": secret, "device": device ?? ""]) }
        JSONOutput.write(secret + "\n")
    }
}
