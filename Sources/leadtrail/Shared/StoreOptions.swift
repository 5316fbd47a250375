import ArgumentParser
import Foundation
import LeadTrailStore

/// `--db`: where the data lives. Shared by every command that reads or writes it.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The database: a SQLite file (default: $LEADTRAIL_DB, else ./leadtrail.sqlite).")
    var db: String?

    var location: DatabaseLocation {
        DatabaseLocation(option: db, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens the existing database.
    func open() throws -> SQLiteStore {
        switch location {
        case .sqlite(let path): try SQLiteStore.open(path: path)
        case .postgres(let url): throw StoreError.unsupportedLocation(url)
        }
    }
}

/// `--format table|json|csv` for every listing and report.
struct FormatOptions: ParsableArguments {
    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormatArgument = .table
}
