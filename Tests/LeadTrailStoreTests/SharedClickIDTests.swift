import Foundation
import GRDB
import LeadTrailCore
import LeadTrailStore
import Testing

/// Schema 5: `shared_click_id` holds exactly the click ids of two or more visitors — what report identity follows —
/// whatever inserts, updates and deletes did, and the migration fills it from existing touches. (Imports and their
/// undo: `ImportUndoTests` compare whole database dumps, this table included.)
@Suite("Shared click ids")
struct SharedClickIDTests {
    static func insert(_ db: Database, _ key: String, visitor: String, clickID: String?) throws {
        try db.execute(
            sql: """
                INSERT INTO touch (record_key, at, visitor, click_id_type, click_id, channel)
                VALUES (?, 0, ?, ?, ?, 'direct')
                """, arguments: [key, visitor, clickID == nil ? nil : "yclid", clickID])
    }

    static func shared(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT click_id FROM shared_click_id ORDER BY click_id")
    }

    /// The definition, computed from the touches themselves.
    static func expected(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT click_id FROM touch WHERE click_id IS NOT NULL GROUP BY click_id
                HAVING COUNT(DISTINCT visitor) > 1 ORDER BY click_id
                """)
    }

    static func touch(_ key: String, visitor: String, clickID: String?) -> Touch {
        Touch(
            key: key, at: Clock.start, visitor: visitor, clickID: clickID.map { ClickID(parameter: "yclid", value: $0) },
            channel: .direct)
    }

    /// Inserts through the store (which notes them at the end of each write); updates and deletes through SQL, which
    /// the triggers follow.
    @Test func theTableFollowsInsertsUpdatesAndDeletes() throws {
        try TemporaryStore.with { store, file in
            let queue = try DatabaseQueue(path: file.path)
            func shared() throws -> [String] { try queue.read(Self.shared) }
            func expected() throws -> [String] { try queue.read(Self.expected) }

            try store.addTouch(Self.touch("a", visitor: "v1", clickID: "777"))
            try store.addTouch(Self.touch("b", visitor: "v1", clickID: "777"))  // the same visitor twice: not shared
            try store.addTouch(Self.touch("c", visitor: "v2", clickID: "888"))
            try store.addTouch(Self.touch("d", visitor: "v3", clickID: nil))
            #expect(try shared() == [])
            try store.addTouch(Self.touch("e", visitor: "v2", clickID: "777"))  // a second visitor: shared
            #expect(try shared() == ["777"])
            #expect(try shared() == expected())

            try queue.write { db in
                // An update that moves a touch to another click id, then one that moves a touch to another visitor.
                try db.execute(sql: "UPDATE touch SET click_id = '888' WHERE record_key = 'e'")
                #expect(try Self.shared(db) == [], "777 is v1's alone again; 888 is v2's alone")
                try db.execute(sql: "UPDATE touch SET visitor = 'v4' WHERE record_key = 'c'")
                #expect(try Self.shared(db) == ["888"], "888 now has v2 and v4")
                // A delete that leaves one visitor.
                try db.execute(sql: "DELETE FROM touch WHERE record_key = 'e'")
                #expect(try Self.shared(db) == [])
            }
            #expect(try shared() == expected())
        }
    }

    @Test func theMigrationFillsTheTableFromExistingTouches() throws {
        let migrations = SQLiteStore.migrations
        let five = try #require(migrations.firstIndex { $0.version == 5 })
        let queue = try DatabaseQueue()
        try queue.write { db in
            for migration in migrations[..<five] { try db.execute(sql: migration.sql) }
            try Self.insert(db, "a", visitor: "v1", clickID: "111")
            try Self.insert(db, "b", visitor: "v2", clickID: "111")
            try Self.insert(db, "c", visitor: "v3", clickID: "222")
            try Self.insert(db, "d", visitor: "v3", clickID: "222")
            try db.execute(sql: migrations[five].sql)
            #expect(try Self.shared(db) == ["111"])
        }
    }
}
