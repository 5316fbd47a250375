import GRDB
import Testing

@testable import LeadTrailStore

/// A short period's report reads its leads and deals by id through `json_each` of ``SQLiteStore/idList(_:)``: an id
/// written wrongly (a digit dropped, turned around, a sign lost) reads another lead's row or none, and the report
/// is wrong without a word.
struct IDListTests {
    /// Property: for random lists of ids (every length of digits, zero, negatives, the extremes), SQLite's
    /// `json_each` of the list gives back exactly the ids, in the order given. `LEADTRAIL_PROPERTY_CASES` sets the
    /// count.
    @Test func jsonEachReadsBackTheIdsInOrder() throws {
        let cases = SeededSequence.cases(standard: 200)
        var random = SeededSequence(seed: 0x1D15_7000)
        func next() -> UInt64 { random.next() >> 11 }
        let queue = try DatabaseQueue()
        for _ in 0..<cases {
            let ids: [Int64] = (0..<Int(next() % 40)).map { _ in
                switch next() % 6 {
                case 0: return [0, 1, 9, 10, -1, Int64.max, Int64.min][Int(next() % 7)]
                case 1: return -Int64(next() % 1_000_000)
                default: return Int64(next() % (1 << (next() % 62)))
                }
            }
            let list = SQLiteStore.idList(ids)
            let read = try queue.read { db in
                try Int64.fetchAll(db, sql: "SELECT value FROM json_each(?) ORDER BY key", arguments: [list])
            }
            #expect(read == ids, "\(list)")
        }
    }

    @Test func anEmptyListIsAnEmptyArray() {
        #expect(SQLiteStore.idList([Int64]()) == "[]")
    }
}
