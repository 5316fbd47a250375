import ArgumentParser
import Foundation
import LeadTrailCore
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
}

/// `--format table|json|csv` for every listing and report, and the CSV's dialect.
struct FormatOptions: ParsableArguments {
    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormatArgument = .table
    @Option(
        help: """
            With --format csv: rfc4180 (comma, '.' decimals) or excel-ru (what Russian Excel opens: BOM, ';', \
            decimal comma, ДД.ММ.ГГГГ dates); the csv-dialect setting by default.
            """)
    var csvDialect: CSVDialect?

    func validate() throws {
        if csvDialect != nil && format != .csv {
            throw ValidationError("--csv-dialect applies to --format csv only, not --format \(format.rawValue)")
        }
    }
}
