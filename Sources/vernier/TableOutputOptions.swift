import ArgumentParser

/// ``OutputOptions`` (`--json`, `--no-progress`) plus `--csv`, for the commands whose output is
/// one row per arch or entry (`predict`, `arch stats`, `lut export`): human text, JSON or CSV.
struct TableOutputOptions: ParsableArguments {
    /// What a command prints on stdout.
    enum Format {
        /// Aligned columns for a terminal.
        case text
        /// `--json`.
        case json
        /// `--csv` (see ``CSVOutput``).
        case csv
    }

    @OptionGroup var common: OutputOptions

    @Flag(help: "CSV on stdout, for spreadsheets: a header row, then one row per arch (per LUT entry for lut export); RFC 4180 quoting, numbers at full precision.")
    var csv = false

    func validate() throws {
        if csv && common.json { throw ValidationError("--json and --csv exclude each other; give one of them") }
    }

    /// `--csv`, `--json`, or text.
    var format: Format { csv ? .csv : (common.json ? .json : .text) }
}
