#if Postgres
import Foundation
@testable import LeadTrailPostgres
@testable import LeadTrailStore
import Testing

/// The queries both stores share run over ``SQLTransaction``: each dialect fragment and each call gives the same
/// answer on SQLite (GRDB behind ``SQLiteTransaction``) and on PostgreSQL (``SQLConnection``).
@Suite(.enabled(if: TestServer.enabled))
struct SharedQueryDialectTests {
    /// Runs `body` over a fresh SQLite store's transaction and a fresh PostgreSQL store's, and returns both results.
    func both<T>(_ body: (any SQLTransaction) throws -> T) throws -> (sqlite: T, postgres: T) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-dialect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sqlite = try SQLiteStore.create(path: folder.appendingPathComponent("dialect.sqlite").path).store
        let fromSQLite = try sqlite.readSQL { try body($0) }
        let fromPostgres = try TestServer.withDatabase { location in
            try PostgresStore.create(location).store.read { try body($0) }
        }
        return (fromSQLite, fromPostgres)
    }

    @Test func theSmallerOfTwoIsTheSameOnBothStores() throws {
        let found = try both { db in
            try [(5, 3), (-2, 7), (4, 4)].map { pair in
                try db.value(
                    Int64.self, sql: "SELECT \(db.dialect.least("?", "?"))", arguments: [Int64(pair.0), Int64(pair.1)])
            }
        }
        #expect(found.sqlite == [3, -2, 4])
        #expect(found.postgres == found.sqlite)
    }

    @Test func jsonFieldsReadTheSameOnBothStores() throws {
        let json = #"{"_ym_uid": "17290001", "rowid": 42, "name": "Анна"}"#
        let found = try both { db in
            [
                try db.value(String.self, sql: "SELECT \(db.dialect.jsonText("?", key: "_ym_uid"))", arguments: [json]),
                try db.value(String.self, sql: "SELECT \(db.dialect.jsonText("?", key: "name"))", arguments: [json]),
                try db.value(String.self, sql: "SELECT \(db.dialect.jsonText("?", key: "absent"))", arguments: [json]),
                try db.value(Int64.self, sql: "SELECT \(db.dialect.jsonInteger("?", key: "rowid"))", arguments: [json])
                    .map(String.init),
            ]
        }
        #expect(found.sqlite == ["17290001", "Анна", nil, "42"])
        #expect(found.postgres == found.sqlite)
    }

    @Test func settingAJsonTextKeepsTheOtherFields() throws {
        let json = #"{"lead_ref": "email:anna@example.ru", "amount_minor": 150000}"#
        let found = try both { db in
            try db.fetchOne(
                sql: """
                    SELECT \(db.dialect.jsonText("edited.content", key: "lead_ref")) AS ref,
                           \(db.dialect.jsonInteger("edited.content", key: "amount_minor")) AS amount
                    FROM (SELECT \(db.dialect.jsonSettingText("?", key: "lead_ref")) AS content) AS edited
                    """, arguments: [json, "id:7"]
            ).map { "\($0["ref"] as String) \($0["amount"] as Int64)" }
        }
        #expect(found.sqlite == "id:7 150000")
        #expect(found.postgres == found.sqlite)
    }

    @Test func anIntegerSumStaysAnInteger() throws {
        let found = try both { db in
            try db.fetchOne(
                sql: """
                    SELECT \(db.dialect.integerSum("x")) AS total
                    FROM (SELECT 9000000000000 AS x UNION ALL SELECT 1 AS x) AS t
                    """, arguments: []
            )?.values["total"]
        }
        #expect(found.sqlite == .integer(9_000_000_000_001))
        #expect(found.postgres == found.sqlite)
    }

    @Test func rowsAreReadAlikeAndAStoppedReadStops() throws {
        let found = try both { db in
            let rows = "SELECT 1 AS n, 'Пётр' AS name UNION ALL SELECT 2, NULL UNION ALL SELECT 3, 'Анна' ORDER BY 1"
            var seen: [Int64] = []
            try db.forEachRow(sql: rows, arguments: []) { row in
                seen.append(row["n"])
                return seen.count < 2
            }
            let names = try db.column(String.self, sql: "SELECT name FROM (\(rows)) AS t", arguments: [])
            let none = try db.value(Int64.self, sql: "SELECT n FROM (\(rows)) AS t WHERE n > 9", arguments: [])
            let null = try db.value(String.self, sql: "SELECT name FROM (\(rows)) AS t WHERE n = 2", arguments: [])
            let second = try db.fetchOne(sql: "SELECT * FROM (\(rows)) AS t WHERE n = ?", arguments: [Int64(2)])
            return "\(seen) \(names) \(String(describing: none)) \(String(describing: null)) \(second?.isNull("name") == true)"
        }
        #expect(found.sqlite == #"[1, 2] ["Пётр", "Анна"] nil nil true"#)
        #expect(found.postgres == found.sqlite)
    }
}
#endif
