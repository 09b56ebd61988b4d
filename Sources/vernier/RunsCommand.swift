import ArgumentParser

/// `vernier runs`: the searches the store kept (`vernier search` and `POST /v1/search` both save theirs).
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List stored search runs and show one's result.",
        subcommands: [RunsListCommand.self, RunsShowCommand.self])
}
