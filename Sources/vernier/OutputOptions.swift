import ArgumentParser

/// `--json` and `--no-progress`, shared by every command.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Machine-readable JSON on stdout.")
    var json = false

    @Flag(name: .customLong("no-progress"), help: "Never draw progress on stderr (it is drawn only on a TTY anyway).")
    var noProgress = false
}
