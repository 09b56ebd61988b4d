import ArgumentParser
import VernierProfiler

/// `vernier device list`: devices in the store.
struct DeviceListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the devices in the store.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let records = try storeOptions.open().devices()
        if output.json { return try JSONOutput.print(records.map(\.id)) }
        JSONOutput.write(records.map { "\($0.id)\n" }.joined())
    }
}
