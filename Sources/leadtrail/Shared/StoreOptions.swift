import ArgumentParser
import Foundation
import LeadTrailStore

/// `--db`: where the data lives. Shared by every command that reads or writes it.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "The database: a SQLite file or a postgres:// URL (default: $LEADTRAIL_DB, else ./leadtrail.sqlite).")
    var db: String?

    var location: DatabaseLocation {
        DatabaseLocation(option: db, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens the existing database, SQLite or PostgreSQL; never creates or migrates one.
    func open() throws -> any LeadTrailDatabase {
        try location.openStore()
    }

    /// Opens a SQLite database for a command that works on a file only (`serve` in this build); a URL is refused in
    /// one line naming the command.
    func openSQLite(for command: String) throws -> SQLiteStore {
        switch location {
        case .sqlite(let path): try SQLiteStore.open(path: path)
        case .postgres:
            throw CommandError("'leadtrail \(command)' works on a SQLite file only in this build, not on \(location)")
        }
    }
}

/// `--format table|json|csv` for every listing and report.
struct FormatOptions: ParsableArguments {
    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormatArgument = .table
}
