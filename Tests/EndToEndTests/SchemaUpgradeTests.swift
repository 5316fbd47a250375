import Foundation
import GRDB
import Testing

/// A database made by an older leadtrail: read commands read it when they can and never migrate it (they take no
/// lock); otherwise they say "run 'leadtrail migrate'"; `leadtrail migrate` and any writing command upgrade it.
struct SchemaUpgradeTests {
    /// `schema/` of this repository.
    static let schemaFolder = ImportSamples.repositoryRoot.appendingPathComponent("schema", isDirectory: true)

    /// Builds the database an older build would have left: the migrations up to `version`, each recorded.
    private func makeOldDatabase(_ ws: Workspace, version: Int) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.schemaFolder.path)
            .filter { $0.hasSuffix(".sql") }.sorted().prefix(version)
        #expect(files.count == version)
        let queue = try DatabaseQueue(path: ws.defaultDatabase.path)
        defer { try? queue.close() }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try queue.write { db in
            for (index, file) in files.enumerated() {
                try db.execute(sql: String(contentsOf: Self.schemaFolder.appendingPathComponent(file), encoding: .utf8))
                let name = String(file.dropFirst(5).dropLast(4))
                try db.execute(
                    sql: "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, 0)",
                    arguments: [index + 1, name])
            }
            try db.execute(
                sql: """
                    INSERT INTO lead (created_at, name, phone, stage) VALUES (1790000000000000, 'Анна', '+79161234567', 'new')
                    """)
        }
    }

    private func version(_ ws: Workspace) throws -> Int {
        try ImportDump.integer(ws.defaultDatabase, "SELECT MAX(version) FROM schema_migration")
    }

    @Test func readsOfAnOlderDatabaseNeverMigrateIt() throws {
        try Workspace.with { ws in
            try makeOldDatabase(ws, version: 3)
            let before = try ws.dump()
            let leads = try ws.listing(["lead", "list"])
            #expect(leads.map { $0["name"] as? String } == ["Анна"])
            try ws.succeed(["imports", "list"])
            // Goals came with schema 4: the read cannot be answered and says what to do.
            let goals = try ws.refuse(["goal", "list"], mentioning: "schema version 3", "run 'leadtrail migrate'")
            #expect(!goals.stderr.contains("SQLite"))
            expectSameDump(before, try ws.dump(), "a read command changed an older database")
            #expect(try version(ws) == 3)
        }
    }

    @Test func migrateUpgradesAnOlderDatabaseAndKeepsItsData() throws {
        try Workspace.with { ws in
            try makeOldDatabase(ws, version: 3)
            let result = try ws.succeed(["migrate"])
            #expect(result.stdout == "Migrated leadtrail.sqlite from schema 3 to \(SchemaUpgradeTests.latest)\n")
            #expect(try version(ws) == SchemaUpgradeTests.latest)
            #expect(try ws.listing(["goal", "list"]).isEmpty)
            #expect(try ws.listing(["lead", "list"]).count == 1)
            let again = try ws.succeed(["migrate"])
            #expect(again.stdout == "Up to date: leadtrail.sqlite (schema \(SchemaUpgradeTests.latest))\n")
            let missing = try ws.run(["--db", "nothing.sqlite", "migrate"])
            expectRefused(missing, mentioning: "no database at nothing.sqlite")
        }
    }

    @Test func initOfAnOlderDatabaseSaysItUpgradedIt() throws {
        try Workspace.with { ws in
            try makeOldDatabase(ws, version: 3)
            let latest = SchemaUpgradeTests.latest
            let result = try ws.succeed(["init"])
            #expect(result.stdout.hasPrefix("Upgraded leadtrail.sqlite from schema 3 to \(latest) (currency "), "\(result)")
            #expect(try version(ws) == latest)
            #expect(try ws.listing(["lead", "list"]).count == 1)
            let again = try ws.succeed(["init"])
            #expect(again.stdout.hasPrefix("Up to date: leadtrail.sqlite (schema \(latest); currency "), "\(again)")
        }
    }

    @Test func theFirstWritingCommandMigratesAnOlderDatabase() throws {
        try Workspace.with { ws in
            try makeOldDatabase(ws, version: 2)
            try ws.succeed(["lead", "add", "--name", "Пётр", "--phone", "8 916 765-43-21"])
            #expect(try version(ws) == SchemaUpgradeTests.latest)
            #expect(try ws.listing(["lead", "list"]).count == 2)
        }
    }

    static var latest: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: schemaFolder.path)) ?? []).filter {
            $0.hasSuffix(".sql")
        }
        .count
    }
}
