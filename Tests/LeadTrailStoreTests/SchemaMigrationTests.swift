import Foundation
import GRDB
import LeadTrailStore
import Testing

/// The migrations in `schema/` are what the store is built from, and nothing else.
struct SchemaMigrationTests {
    /// `Tests/LeadTrailStoreTests/SchemaMigrationTests.swift` → `schema/`.
    static let schemaFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schema", isDirectory: true)

    struct MigrationFile {
        var version: Int
        var name: String
        var sql: String
    }

    /// `NNNN_name.sql` files in file-name order.
    static func migrationFiles() throws -> [MigrationFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: schemaFolder.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        return try names.map { file in
            let stem = file.dropLast(".sql".count)
            let underscore = try #require(stem.firstIndex(of: "_"), "\(file) is not named NNNN_name.sql")
            let version = try #require(Int(stem[..<underscore]), "\(file) does not start with a number")
            let sql = try String(contentsOf: schemaFolder.appendingPathComponent(file), encoding: .utf8)
            return MigrationFile(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql)
        }
    }

    static let masterQuery = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"

    static func master(_ db: Database) throws -> [[String?]] {
        try Row.fetchAll(db, sql: masterQuery).map { row in
            [row["type"], row["name"], row["tbl_name"], row["sql"]]
        }
    }

    @Test func schemaFolderHasMigrations() throws {
        let files = try Self.migrationFiles()
        #expect(!files.isEmpty, "no .sql files in \(Self.schemaFolder.path)")
        let versions = files.map(\.version)
        #expect(versions == Array(1...files.count), "migration numbers must be 1, 2, 3… without gaps, not \(versions)")
    }

    @Test func filesAppliedInOrderGiveExactlyTheStoresSchema() throws {
        let files = try Self.migrationFiles()
        let fromFiles = try DatabaseQueue()
        let expected = try fromFiles.write { db in
            for file in files { try db.execute(sql: file.sql) }
            return try Self.master(db)
        }
        #expect(!expected.isEmpty)

        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("leadtrail-schema-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let (store, created) = try SQLiteStore.create(path: path)
        #expect(created)
        #expect(try store.schemaVersion() == files.last?.version)
        let actual = try DatabaseQueue(path: path).read { db in try Self.master(db) }
        #expect(actual == expected)
    }

    @Test func embeddedMigrationsAreTheFilesInOrder() throws {
        let files = try Self.migrationFiles()
        let embedded = SQLiteStore.migrations
        #expect(embedded.map(\.version) == files.map(\.version))
        #expect(embedded.map(\.name) == files.map(\.name))
        #expect(embedded.count == files.count)
        for (migration, file) in zip(embedded, files) {
            // The embedder writes the file as a multi-line string literal, which drops one final newline.
            let expected = file.sql.hasSuffix("\n") ? String(file.sql.dropLast()) : file.sql
            #expect(migration.sql == expected, "migration \(file.version)_\(file.name) differs from its file")
        }
        #expect(SQLiteStore.knownSchemaVersion == files.map(\.version).max())
    }
}
