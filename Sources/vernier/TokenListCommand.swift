import ArgumentParser
import Foundation

/// `vernier token list`: names, device limits and whether revoked (never the secrets).
struct TokenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens (names only; secrets are not stored).")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let tokens = try storeOptions.open().tokens()
        if output.json {
            let formatter = ISO8601DateFormatter()
            return try JSONOutput.print(tokens.map { token in
                ["name": token.name, "device": token.device, "revoked_at": token.revokedAt.map(formatter.string(from:))]
            })
        }
        var text = ""
        for token in tokens {
            text += "\(token.name)\t\(token.device.map { "device \($0)" } ?? "any device")\t\(token.revokedAt == nil ? "active" : "revoked")\n"
        }
        JSONOutput.write(text)
    }
}
