import ArgumentParser

/// `vernier token revoke`: the token stops working at once.
struct TokenRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by name.")

    @Option(help: "The token's name.")
    var name: String

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        guard try storeOptions.open().revokeToken(name: name) else {
            throw CLIError(.badInput, "no token named '\(name)'")
        }
        if output.json { return try JSONOutput.print(["revoked": name]) }
        JSONOutput.write("revoked \(name)\n")
    }
}
