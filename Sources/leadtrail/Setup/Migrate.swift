import ArgumentParser
import LeadTrailStore

/// `leadtrail migrate`: brings an existing database up to this build's schema; with `--from sqlite:PATH --to
/// postgres://…`, copies a whole SQLite database into an empty PostgreSQL one (``MigrateCopy``).
///
/// Commands that only read never migrate (they take no lock); the first command that writes migrates, and this
/// command does it on purpose, for example before a day of reports after upgrading leadtrail.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Upgrade the schema of an existing database to this version of leadtrail.",
        discussion: """
            With --from sqlite:PATH --to postgres://…, copies the whole SQLite database into an empty PostgreSQL \
            database in one transaction, checking row counts and reports before committing (docs/postgres.md).
            """)

    @OptionGroup var options: StoreOptions
    @Option(help: "Copy this SQLite database (sqlite:PATH) into the one --to names.") var from: String?
    @Option(help: "The empty PostgreSQL database (postgres://user@host:port/db) --from is copied into.") var to: String?

    func validate() throws {
        guard (from == nil) == (to == nil) else {
            throw ValidationError("--from and --to go together: migrate --from sqlite:PATH --to postgres://…")
        }
    }

    func run() throws {
        if let from, let to { return try MigrateCopy(from: from, to: to).run() }
        let location = options.location
        let (from, to) = try location.migrateStore()
        if from == to {
            emit("Up to date: \(location) (schema \(to))\n")
        } else {
            emit("Migrated \(location) from schema \(from) to \(to)\n")
        }
    }
}
