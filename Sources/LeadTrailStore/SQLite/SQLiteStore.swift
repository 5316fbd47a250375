import Foundation
import GRDB
import Glibc
public import LeadTrailCore
import Logging
import Synchronization

/// The embedded default store: one SQLite file, through GRDB over the system libsqlite3.
///
/// The file is created readable by its owner only (it holds personal data), runs in WAL mode with foreign keys
/// on, and carries its schema version in `schema_migration`. The migrations are the SQL files of `schema/`,
/// embedded into the binary at build time, so the binary works when copied anywhere.
///
/// Several processes share one file (the SPEC's "Security and privacy"): a store opens its file read-only and reads
/// in deferred transactions, so a command that only reads never waits for a writer and sees the last committed
/// state. The first write opens a second, writing connection, brings the schema up to date and then writes in
/// `BEGIN IMMEDIATE` transactions that wait for any other writer (see ``BusyWait``).
public final class SQLiteStore: LeadStore {
    /// The path as the user gave it, for messages.
    public let path: String
    /// The read-only connection every read goes through: it never migrates and never takes the write lock.
    private let reader: DatabaseQueue
    /// The writing connection, opened (and the schema migrated) by the first write.
    private var writer: DatabaseQueue?
    /// The schema version found when the file was opened.
    private let openedVersion: Int
    let logger = StoreLogger.make("leadtrail.store")

    /// The page cache of every connection, in KiB (SQLite's negative `cache_size`).
    static let cacheKiB = 65_536
    /// The page cache of a connection while it writes an import batch, in KiB.
    static let importCacheKiB = 196_608

    /// The newest schema version this build knows.
    public static var knownSchemaVersion: Int { EmbeddedSchema.migrations.last?.version ?? 0 }

    /// The migrations of `schema/`, in order: what an empty database is built from.
    public static var migrations: [(version: Int, name: String, sql: String)] { EmbeddedSchema.migrations }

    private init(path: String, reader: DatabaseQueue, version: Int) {
        self.path = path
        self.reader = reader
        self.openedVersion = version
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
        if !FileManager.default.fileExists(atPath: path) {
            let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                Glibc.close(descriptor)
            } else if errno != EEXIST {  // EEXIST: another `init` made it since the check above
                throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
        }
        // Two `init`s at once: the second must not read the file while the first is still laying out its schema
        // (it saw a file with tables but no schema yet, "not a LeadTrail database"). An advisory lock, apart from
        // SQLite's own locks, lets one creator finish before the next looks (``CreationLock``).
        return try CreationLock.holding(database: path, exclusive: true) {
            let store = try open(path: path, waitingForCreator: false)
            // Decided under the lock, not by who made the file: the one that finds it empty lays out the schema and
            // says "Created"; the other may have made the file yet found the schema laid out already.
            let created = store.openedVersion == 0
            _ = try store.writingQueue(holdingCreationLock: true)
            return (store, created)
        }
    }

    /// The schema version the database had when this store opened it: 0 for a file just created; below
    /// ``schemaVersion()`` once a write has upgraded it.
    public var schemaVersionAtOpen: Int { openedVersion }

    /// Opens an existing database for reading; a missing file is an error.
    ///
    /// Nothing is written and no lock is taken: the schema is brought up to date by the first write (or by
    /// ``migrate(path:)``). A database newer than this build is refused.
    public static func open(path: String) throws -> SQLiteStore {
        try open(path: path, waitingForCreator: true)
    }

    /// Opens the file; `waitingForCreator` first waits, under a shared advisory lock, for an `init` that is laying
    /// out the schema (it holds the exclusive one in ``create(path:)``), so that a command run beside it reads the
    /// finished schema, not a file that is "not a LeadTrail database" yet. `create` itself holds that lock.
    private static func open(path: String, waitingForCreator: Bool) throws -> SQLiteStore {
        try checkIsFile(path)
        lastPath.withLock { $0 = path }
        let read = {
            let reader = try connect(path: path, readOnly: true)
            return (reader, try explaining(path: path) { try reader.read { db in try schemaVersion(db, path: path) } })
        }
        let (reader, version) =
            waitingForCreator ? try CreationLock.holding(database: path, exclusive: false, read) : try read()
        guard version <= knownSchemaVersion else {
            throw StoreError.schemaTooNew(path: path, version: version, known: knownSchemaVersion)
        }
        return SQLiteStore(path: path, reader: reader, version: version)
    }

    /// Brings the schema of an existing database up to date: `leadtrail migrate`. Returns the versions before
    /// and after.
    public static func migrate(path: String) throws -> (from: Int, to: Int) {
        let store = try open(path: path)
        _ = try store.writingQueue()
        return (store.openedVersion, knownSchemaVersion)
    }

    /// A missing file, a folder or an unreadable file, each refused with its reason before SQLite sees it.
    private static func checkIsFile(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw StoreError.noDatabase(path: path)
        }
        guard !isFolder.boolValue else { throw StoreError.isFolder(path: path) }
        guard access(path, R_OK) == 0 else {
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
    }

    private static func connect(path: String, readOnly: Bool) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .callback(BusyWait.handler(path: path, announces: !readOnly))
        configuration.label = readOnly ? "leadtrail-reader" : "leadtrail-writer"
        configuration.prepareDatabase { db in
            if !readOnly {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            // Reports walk a year of touches: the default 2 MB page cache thrashes on a million-visitor table.
            try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)")
            // A statement that fires a trigger (schema 5's on touch) keeps a statement journal to undo itself; in a
            // file that is a write per inserted row, in memory it is almost free.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return try explaining(path: path) { try DatabaseQueue(path: path, configuration: configuration) }
    }

    /// The writing connection: opened on first use, after checking that the file may be written, and with the
    /// schema brought up to date.
    func writingQueue() throws -> DatabaseQueue {
        try writingQueue(holdingCreationLock: false)
    }

    /// The writing connection; a schema to bring up to date is laid out under the exclusive ``CreationLock``
    /// (`create` holds it already), so that no other process reads or lays out the same schema meanwhile.
    private func writingQueue(holdingCreationLock: Bool) throws -> DatabaseQueue {
        if let writer { return writer }
        try Self.checkWritable(path)
        let open = {
            let queue = try Self.connect(path: self.path, readOnly: false)
            try Self.explaining(path: self.path) { try self.migrate(queue) }
            return queue
        }
        let queue =
            holdingCreationLock || openedVersion >= Self.knownSchemaVersion
            ? try open() : try CreationLock.holding(database: path, exclusive: true, open)
        writer = queue
        return queue
    }

    /// Copies every committed page from the `-wal` file into the database file and empties the `-wal`, so that the
    /// file alone holds the whole database (the demo moves its file into place after this).
    public func checkpoint() throws {
        let queue = try writingQueue()
        try Self.explaining(path: path) {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        }
    }

    /// A file without write permission (even for root: the owner made it read-only on purpose) or in a folder
    /// where SQLite cannot keep its `-wal` beside it is refused before any write starts.
    private static func checkWritable(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) == 0 {
            throw StoreError.readOnly(path: path, reason: "the file is read-only")
        }
        guard access(path, W_OK) == 0 else {
            throw StoreError.readOnly(path: path, reason: String(cString: strerror(errno)))
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: path + "-wal"), access(folder, W_OK) != 0 {
            throw StoreError.readOnly(path: path, reason: "its folder \(folder) is not writable")
        }
    }

    /// The database the store works on: reads go through the read-only connection, writes through
    /// ``writingQueue()``.
    var queue: DatabaseQueue {
        get throws { try writingQueue() }
    }

    /// The schema version recorded in the database: 0 for an empty file.
    public func schemaVersion() throws -> Int {
        try read { db in try Self.schemaVersion(db, path: path) }
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
    /// A database newer than this build is refused untouched; one already up to date takes no lock.
    private func migrate(_ queue: DatabaseQueue) throws {
        let current = try queue.read { db in try Self.schemaVersion(db, path: path) }
        guard current <= Self.knownSchemaVersion else {
            throw StoreError.schemaTooNew(path: path, version: current, known: Self.knownSchemaVersion)
        }
        guard current < Self.knownSchemaVersion else { return }
        try queue.write { db in
            // Another process may have migrated while this one waited for the lock.
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
            // Schema 17's visitor paths are built from the touches already stored.
            try Self.keepVisitorPaths(db)
        }
    }

    /// Runs `body` in one write transaction: it all happens or none of it does.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        let queue = try writingQueue()
        return try Self.explaining(path: path) {
            try queue.write { db in
                let lastTouch = try Self.lastTouchID(db)
                let result = try body(db)
                try Self.noteSharedClickIDs(db, touchesAfter: lastTouch)
                try Self.keepVisitorPaths(db)
                return result
            }
        }
    }

    /// The highest touch id so far: touches a write adds get higher ones.
    static func lastTouchID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM touch") ?? 0
    }

    /// The lowest and highest touch ids (0 and 0 without touches): two lookups at the ends of the table.
    ///
    /// Each bound in a query of its own: `SELECT min(id), max(id) FROM touch` is not SQLite's min/max optimisation
    /// but a scan of a whole index, which made every click the server writes cost 30 ms at 100k touches.
    static func touchIDSpan(_ db: Database) throws -> (first: Int64, last: Int64) {
        let span = try Row.fetchOne(
            db, sql: "SELECT coalesce((SELECT min(id) FROM touch), 0), coalesce((SELECT max(id) FROM touch), 0)")
        return (span?[0] ?? 0, span?[1] ?? 0)
    }

    /// Adds to `shared_click_id` (schema 5) the click ids of the touches after `id` that another visitor has too: one
    /// pass over the new touches, instead of a trigger per inserted row.
    ///
    /// When the new touches are half the table or more (a first file of clicks), one walk over the click-id index
    /// groups every click id with its visitors instead: 3M new touches probing the index one at a time took 4.9 s,
    /// more than a tenth of their import. A click id is noted when two of its touches have different visitors and
    /// one of them is new, exactly when a new touch has a click id another visitor has.
    static func noteSharedClickIDs(_ db: Database, touchesAfter id: Int64) throws {
        let (first, last) = try touchIDSpan(db)
        if last > id, (last - id) &* 2 >= last - first {
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO shared_click_id (click_id)
                    SELECT click_id FROM touch INDEXED BY touch_by_click_id WHERE click_id IS NOT NULL
                    GROUP BY click_id HAVING MIN(visitor) <> MAX(visitor) AND MAX(id) > ?
                    """, arguments: [id])
            return
        }
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO shared_click_id (click_id)
                SELECT DISTINCT added.click_id FROM touch AS added
                WHERE \(SQLDialect.touchesAdded("added")) AND added.click_id IS NOT NULL
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

    /// Runs `body` in one deferred, read-only transaction: it sees the last committed state and waits for no writer.
    ///
    /// After a write the writing connection reads, so that a command sees what it just wrote whatever the snapshot.
    /// On a database behind this build's schema, a read that needs what a later migration adds is refused with
    /// "run 'leadtrail migrate'".
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let queue = writer ?? reader
        do {
            return try Self.explaining(path: path) { try queue.read(body) }
        } catch let error as StoreError where openedVersion < Self.knownSchemaVersion && writer == nil {
            if case .databaseFailure = error {
                throw StoreError.schemaBehind(path: path, version: openedVersion, known: Self.knownSchemaVersion)
            }
            throw error
        }
    }
}
