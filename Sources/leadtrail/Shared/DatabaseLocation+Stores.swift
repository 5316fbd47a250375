import Foundation
import LeadTrailStore

#if Postgres
    import LeadTrailPostgres
#endif

/// The store behind a location: SQLite for a path, PostgreSQL for a URL in a build with the `Postgres` trait.
///
/// The one place the command line chooses a store; every command then works with ``LeadTrailDatabase`` alone.
extension DatabaseLocation {
    /// The existing database, opened; no migration (a read never changes the schema).
    func openStore() throws -> any LeadTrailDatabase {
        switch self {
        case .sqlite(let path): return try SQLiteStore.open(path: path)
        case .postgres(let url):
            #if Postgres
                return try PostgresStore.open(try postgresLocation(url))
            #else
                throw Self.noPostgres(self)
            #endif
        }
    }

    /// `init`: creates the database, or brings an existing one up to date; `created` is false for an existing one.
    func createStore() throws -> (store: any LeadTrailDatabase, created: Bool) {
        let (store, from) = try initialiseStore()
        return (store, from == 0)
    }

    /// `init`: the store, and the schema version its database had before (0: created now).
    func initialiseStore() throws -> (store: any LeadTrailDatabase, from: Int) {
        switch self {
        case .sqlite(let path):
            let (store, created) = try SQLiteStore.create(path: path)
            return (store, created ? 0 : store.schemaVersionAtOpen)
        case .postgres(let url):
            #if Postgres
                let (store, from) = try PostgresStore.initialise(try postgresLocation(url))
                return (store, from)
            #else
                throw Self.noPostgres(self)
            #endif
        }
    }

    /// `migrate`: the schema version before and after.
    func migrateStore() throws -> (from: Int, to: Int) {
        switch self {
        case .sqlite(let path): return try SQLiteStore.migrate(path: path)
        case .postgres(let url):
            #if Postgres
                return try PostgresStore.migrate(try postgresLocation(url))
            #else
                throw Self.noPostgres(self)
            #endif
        }
    }

    #if Postgres
        /// The URL read with the process's environment (`PGPASSWORD`, `HOME` for `~/.pgpass`).
        private func postgresLocation(_ url: String) throws -> PostgresLocation {
            try PostgresLocation(url: url, environment: ProcessInfo.processInfo.environment)
        }
    #endif

    /// What a binary built without the `Postgres` trait says to a URL: one line, the URL without its password.
    static func noPostgres(_ location: DatabaseLocation) -> CommandError {
        CommandError(
            "database \(location): this build has no PostgreSQL store: build with 'swift build --traits Team'")
    }
}
