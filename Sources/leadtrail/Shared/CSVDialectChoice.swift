import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

/// Which CSV dialect a parsed command prints in: its `--csv-dialect`, else the database's `csv-dialect` setting,
/// else RFC 4180. Chosen once in `main`, so that every report and listing renders its CSV the same way without each
/// command passing it along.
enum CSVDialectChoice {
    static func dialect(of command: any ParsableCommand) -> CSVDialect {
        var format: FormatOptions?
        var store: StoreOptions?
        for child in Mirror(reflecting: command).children {
            if let group = child.value as? OptionGroup<FormatOptions> { format = group.wrappedValue }
            if let group = child.value as? OptionGroup<StoreOptions> { store = group.wrappedValue }
        }
        guard let format, format.format == .csv else { return .rfc4180 }
        if let chosen = format.csvDialect { return chosen }
        // The setting is read only from a database that exists: the command itself reports a missing one (or a
        // PostgreSQL database it cannot reach).
        guard let store else { return .rfc4180 }
        if case .sqlite(let path) = store.location, !FileManager.default.fileExists(atPath: path) { return .rfc4180 }
        guard let settings = try? store.location.openStore().settings() else { return .rfc4180 }
        return settings.csvDialect
    }

    /// Runs a command with its dialect; an `excel-ru` file starts with the UTF-8 byte order mark, written before the
    /// command's first output (Excel reads a CSV without it as Windows-1251).
    static func run(_ command: inout any ParsableCommand) throws {
        let dialect = dialect(of: command)
        if dialect == .excelRU { StandardOutput.prefix = "\u{FEFF}" }
        try CSVOutput.$dialect.withValue(dialect) { try command.run() }
    }
}
