import Foundation
import GRDB
public import LeadTrailCore
import Logging

/// The embedded default store: one SQLite file, through GRDB over the system libsqlite3.
///
/// The file is created readable by its owner only (it holds personal data), runs in WAL mode with foreign keys
/// on and a busy timeout, and carries its schema version in `schema_migration`. The migrations are the SQL files
/// of `schema/`, embedded into the binary at build time, so the binary works when copied anywhere.
public final class SQLiteStore: LeadStore {
    /// The path as the user gave it, for messages.
    public let path: String
    let queue: DatabaseQueue
    let logger = Logger(label: "leadtrail.store")

    /// The newest schema version this build knows.
    public static var knownSchemaVersion: Int { EmbeddedSchema.migrations.last?.version ?? 0 }

    /// The migrations of `schema/`, in order: what an empty database is built from.
    public static var migrations: [(version: Int, name: String, sql: String)] { EmbeddedSchema.migrations }

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    /// Creates the database file (mode 0600) when it is missing, then brings its schema up to date.
    /// Returns the store and whether the file was new.
    public static func create(path: String) throws -> (store: SQLiteStore, created: Bool) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw StoreError.folderMissing(database: path, folder: folder)
        }
        var created = false
        if !FileManager.default.fileExists(atPath: path) {
            let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            Glibc.close(descriptor)
            created = true
        }
        let store = try SQLiteStore(path: path, queue: connect(path: path))
        try store.migrate()
        return (store, created)
    }

    /// Opens an existing database and brings its schema up to date; a missing file is an error.
    public static func open(path: String) throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.noDatabase(path: path) }
        let store = try SQLiteStore(path: path, queue: connect(path: path))
        try store.migrate()
        return store
    }

    private static func connect(path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "leadtrail"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Reports walk a year of touches: the default 2 MB page cache thrashes on a million-visitor table.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // A statement that fires a trigger (schema 5's on touch) keeps a statement journal to undo itself; in a
            // file that is a write per inserted row, in memory it is almost free.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notADatabase(path: path)
        }
    }

    /// The schema version recorded in the database: 0 for an empty file.
    public func schemaVersion() throws -> Int {
        try queue.read { db in try Self.schemaVersion(db, path: path) }
    }

    static func schemaVersion(_ db: Database, path: String) throws -> Int {
        if try db.tableExists("schema_migration") {
            return try Int.fetchOne(db, sql: "SELECT MAX(version) FROM schema_migration") ?? 0
        }
        let tables = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") ?? 0
        guard tables == 0 else { throw StoreError.notADatabase(path: path) }
        return 0
    }

    /// Applies the pending migrations in order, all inside one transaction, each recorded in `schema_migration`.
    /// A database newer than this build is refused untouched.
    private func migrate() throws {
        do {
            try queue.write { db in
                let current = try Self.schemaVersion(db, path: path)
                guard current <= Self.knownSchemaVersion else {
                    throw StoreError.schemaTooNew(path: path, version: current, known: Self.knownSchemaVersion)
                }
                for migration in Self.migrations where migration.version > current {
                    logger.info("applying schema migration \(migration.version) \(migration.name)")
                    try db.execute(sql: migration.sql)
                    try db.execute(
                        sql: "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)",
                        arguments: [migration.version, migration.name, Timestamp.now().microseconds])
                }
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notADatabase(path: path)
        }
    }

    /// Runs `body` in one write transaction: it all happens or none of it does.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.write { db in
            let lastTouch = try Self.lastTouchID(db)
            let result = try body(db)
            try Self.noteSharedClickIDs(db, touchesAfter: lastTouch)
            return result
        }
    }

    /// The highest touch id so far: touches a write adds get higher ones.
    static func lastTouchID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM touch") ?? 0
    }

    /// Adds to `shared_click_id` (schema 5) the click ids of the touches after `id` that another visitor has too: one
    /// pass over the new touches, instead of a trigger per inserted row.
    static func noteSharedClickIDs(_ db: Database, touchesAfter id: Int64) throws {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO shared_click_id (click_id)
                SELECT DISTINCT added.click_id FROM touch AS added
                WHERE added.id > ? AND added.click_id IS NOT NULL
                    AND EXISTS (SELECT 1 FROM touch AS other
                                WHERE other.click_id = added.click_id AND other.visitor <> added.visitor)
                """, arguments: [id])
    }

    /// Rebuilds `shared_click_id` from every touch: after an undo puts old touches back.
    static func recomputeSharedClickIDs(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM shared_click_id")
        try db.execute(
            sql: """
                INSERT INTO shared_click_id (click_id)
                SELECT click_id FROM touch WHERE click_id IS NOT NULL GROUP BY click_id HAVING COUNT(DISTINCT visitor) > 1
                """)
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read(body)
    }
}
