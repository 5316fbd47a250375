import Foundation
import GRDB
import Testing

@testable import LeadTrailStore

/// The end of every write notes the click ids its new touches share with another visitor
/// (``SQLiteStore/noteSharedClickIDs(_:touchesAfter:)``): by probing the click-id index per new touch, or, when the
/// new touches are half the table or more, by one walk over that index. Both must note exactly what the definition
/// says, or report identity follows the wrong visitors.
struct SharedClickIDNotingTests {
    /// Property: for random tables (visitors and click ids from small sets, some touches without one) split at a
    /// random point into stored and new touches, the table afterwards is the definition's: the click ids of two or
    /// more visitors. Both ways of noting are taken. `LEADTRAIL_PROPERTY_CASES` sets the count.
    @Test func bothWaysNoteExactlyTheSharedClickIDs() throws {
        let cases = SeededSequence.cases(standard: 120)
        var random = SeededSequence(seed: 0xC11C_0005)
        func next(_ bound: Int) -> Int { random.next(below: bound) }
        try TemporaryStore.with { _, file in
            let queue = try DatabaseQueue(path: file.path)
            var walks = 0
            var probes = 0
            for round in 0..<cases {
                let (stored, added) = (next(40), 1 + next(40))
                try queue.write { db in
                    try db.execute(sql: "DELETE FROM touch; DELETE FROM shared_click_id")
                    func insert(_ count: Int, _ prefix: String) throws {
                        for index in 0..<count {
                            let clickID = next(4) == 0 ? nil : "c\(next(6))"
                            try db.execute(
                                sql: """
                                    INSERT INTO touch (record_key, at, visitor, click_id_type, click_id, channel)
                                    VALUES (?, 0, ?, ?, ?, 'direct')
                                    """,
                                arguments: ["\(round)-\(prefix)\(index)", "v\(next(4))", clickID.map { _ in "yclid" }, clickID])
                        }
                    }
                    try insert(stored, "s")
                    // What earlier writes left: the stored touches' shared click ids.
                    try db.execute(sql: "INSERT INTO shared_click_id (click_id) \(Self.definition)")
                    let boundary = try SQLiteStore.lastTouchID(db)
                    let first = try Int64.fetchOne(db, sql: "SELECT min(id) FROM touch") ?? boundary + 1
                    try insert(added, "a")
                    let last = try SQLiteStore.lastTouchID(db)
                    if (last - boundary) * 2 >= last - first { walks += 1 } else { probes += 1 }
                    try SQLiteStore.noteSharedClickIDs(db, touchesAfter: boundary)
                    let noted = try String.fetchAll(db, sql: "SELECT click_id FROM shared_click_id ORDER BY click_id")
                    let expected = try String.fetchAll(db, sql: Self.definition + " ORDER BY click_id")
                    #expect(noted == expected, "round \(round): \(stored) stored, \(added) added")
                }
            }
            #expect(walks > 10 && probes > 10, "both ways taken: \(walks) walks, \(probes) probes")
        }
    }

    static let definition =
        "SELECT click_id FROM touch WHERE click_id IS NOT NULL GROUP BY click_id HAVING COUNT(DISTINCT visitor) > 1"
}
