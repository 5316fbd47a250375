#if Postgres
public import LeadTrailCore
public import LeadTrailStore
import Logging

/// The team store: one PostgreSQL database, through postgres-nio, behind the same protocols as ``SQLiteStore``.
///
/// The tables, columns and schema versions are SQLite's (`schema/postgres/`), so both stores' queries stay alike and
/// a database can be copied from one to the other. Every mutating call is one transaction; writes that judge a
/// person's requests take a transaction-scoped advisory lock on each of the person's normalised contacts first, so
/// concurrent writers wait for each other instead of failing. A transaction the server aborts for a conflict
/// (serialization failure, deadlock) runs again.
///
/// `open` never changes the schema; `create` (`leadtrail init`) and `migrate` apply the pending migrations in one
/// transaction under ``migrationLock``, so two processes never migrate at once.
public final class PostgresStore {
    /// Where the store is; its ``PostgresLocation/description`` names it in every message.
    public let location: PostgresLocation
    let session: PostgresSession
    /// The transaction open now, for calls nested in another call's transaction.
    var current: PostgresTransaction?
    let logger = StoreLogger.make("leadtrail.store")

    /// The advisory lock key that migrations hold (`pg_advisory_xact_lock`): "LT" "migrate".
    public static let migrationLock: Int64 = 0x4C54_6D69_6772_6174

    /// How often a transaction aborted by a conflict runs again before the store gives up.
    static let attempts = 8

    /// The newest schema version this build knows.
    public static var knownSchemaVersion: Int { SchemaMigrations.postgres.last?.version ?? 0 }

    init(location: PostgresLocation, session: PostgresSession) {
        self.location = location
        self.session = session
    }

    /// Opens an initialised database; changes nothing.
    ///
    /// A database without LeadTrail's tables, with a schema behind this build (run `leadtrail migrate`) or newer
    /// than it is refused with a one-line ``StoreError`` naming `host:port/database`.
    public static func open(_ location: PostgresLocation) throws -> PostgresStore {
        let store = PostgresStore(location: location, session: try PostgresSession.connect(location))
        let version = try store.schemaVersion()
        if version == 0 {
            throw StoreError.noSchema(database: location.description, initURL: location.urlWithoutPassword)
        }
        if version > knownSchemaVersion {
            throw StoreError.schemaTooNew(path: location.description, version: version, known: knownSchemaVersion)
        }
        if version < knownSchemaVersion {
            throw StoreError.schemaBehind(path: location.description, version: version, known: knownSchemaVersion)
        }
        return store
    }

    /// `leadtrail init`: brings the schema of an existing database up to date (creating it in an empty database).
    /// Returns the store and whether the schema was created now.
    public static func create(_ location: PostgresLocation) throws -> (store: PostgresStore, created: Bool) {
        let (store, from) = try initialise(location)
        return (store, from == 0)
    }

    /// ``create(_:)``, returning the schema version the database had before (0: none, the schema was created now).
    public static func initialise(_ location: PostgresLocation) throws -> (store: PostgresStore, from: Int) {
        let store = PostgresStore(location: location, session: try PostgresSession.connect(location))
        let (from, _) = try store.applyMigrations()
        return (store, from)
    }

    /// `leadtrail migrate`: brings an initialised database's schema up to date; returns the versions before and
    /// after. A database that was never initialised is refused (run `leadtrail init`).
    public static func migrate(_ location: PostgresLocation) throws -> (from: Int, to: Int) {
        let store = PostgresStore(location: location, session: try PostgresSession.connect(location))
        if try store.schemaVersion() == 0 {
            throw StoreError.noSchema(database: location.description, initURL: location.urlWithoutPassword)
        }
        return try store.applyMigrations()
    }

    /// The schema version recorded in the database: 0 when it has no LeadTrail tables.
    public func schemaVersion() throws -> Int {
        try transaction(readOnly: true) { try Self.schemaVersion($0) }
    }

    static func schemaVersion(_ db: PostgresTransaction) throws -> Int {
        guard try db.text("SELECT to_regclass('schema_migration')::text") != nil else { return 0 }
        return Int(try db.int("SELECT coalesce(max(version), 0)::bigint FROM schema_migration") ?? 0)
    }

    /// Applies the pending migrations in order, all in one transaction under the advisory lock ``migrationLock``:
    /// a second process waits, then finds the schema up to date. A schema newer than this build is refused untouched.
    func applyMigrations() throws -> (from: Int, to: Int) {
        try transaction { db in
            try db.lock(Self.migrationLock)
            let current = try Self.schemaVersion(db)
            guard current <= Self.knownSchemaVersion else {
                throw StoreError.schemaTooNew(
                    path: location.description, version: current, known: Self.knownSchemaVersion)
            }
            for migration in SchemaMigrations.postgres where migration.version > current {
                logger.info("applying schema migration \(migration.version) \(migration.name)")
                // The extended protocol runs one statement at a time: the file runs as one EXECUTE of a DO block.
                let tag = "$leadtrail_migration$"
                guard !migration.sql.contains(tag) else {
                    throw StoreError.databaseFailure(
                        path: location.description, reason: "migration \(migration.version) cannot be applied")
                }
                try db.execute("DO $leadtrail_do$ BEGIN EXECUTE \(tag)\(migration.sql)\(tag); END $leadtrail_do$")
                try db.execute(
                    "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)",
                    [.integer(Int64(migration.version)), .text(migration.name), .integer(Timestamp.now().microseconds)])
            }
            return (current, max(current, Self.knownSchemaVersion))
        }
    }

    /// Runs `body` in one transaction: it all happens or none of it does.
    ///
    /// `readOnly` makes it `READ ONLY` (a role with only `SELECT` rights can run it); `repeatableRead` makes every
    /// statement read one snapshot (`REPEATABLE READ`), what reports need. A transaction the server aborts for a
    /// conflict runs again, so `body` must do nothing outside the database that it cannot do twice. A call made
    /// inside another call's transaction joins it.
    public func transaction<T>(
        readOnly: Bool = false, repeatableRead: Bool = false, _ body: (PostgresTransaction) throws -> T
    ) throws -> T {
        try transaction(readOnly: readOnly, repeatableRead: repeatableRead, attempts: Self.attempts, body)
    }

    /// ``transaction(readOnly:repeatableRead:_:)`` run at most `attempts` times.
    func transaction<T>(
        readOnly: Bool = false, repeatableRead: Bool = false, attempts: Int, _ body: (PostgresTransaction) throws -> T
    ) throws -> T {
        if let current { return try body(current) }
        let transaction = PostgresTransaction(session: session)
        let begin =
            "BEGIN ISOLATION LEVEL \(repeatableRead ? "REPEATABLE READ" : "READ COMMITTED") "
            + (readOnly ? "READ ONLY" : "READ WRITE")
        for attempt in 1...max(attempts, 1) {
            try session.run(begin, [])
            current = transaction
            do {
                let result = try body(transaction)
                current = nil
                try session.run("COMMIT", [])
                return result
            } catch is PostgresErrors.Conflict where attempt < attempts {
                current = nil
                _ = try? session.run("ROLLBACK", [])
                logger.debug("transaction conflicted with another; running it again (attempt \(attempt + 1))")
            } catch is PostgresErrors.Conflict {
                current = nil
                _ = try? session.run("ROLLBACK", [])
                throw StoreError.databaseFailure(
                    path: location.description,
                    reason: attempts == 1
                        ? "another leadtrail command changed the same data at the same time; try again"
                        : "other leadtrail commands changed the same data \(attempts) times; try again")
            } catch {
                current = nil
                _ = try? session.run("ROLLBACK", [])
                throw error
            }
        }
        throw StoreError.databaseFailure(path: location.description, reason: "the transaction could not finish")
    }

    /// A call the PostgreSQL store does not offer yet.
    func notYet(_ what: String) -> StoreError {
        .notOnPostgresYet(database: location.description, what: what)
    }
}
#endif
