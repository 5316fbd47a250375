import Foundation
import GRDB
@testable import LeadTrailStore
import Testing

/// A Markov report tells the visitors a journey may hold from the rest by merging two scans in SQLite's order
/// (``SortedVisitors``): the merge must agree with SQLite's `BINARY` order for any ids, or visitors are listed wrongly
/// and the null paths change without a word.
struct SortedVisitorsTests {
    /// Property: for random ids (ASCII, Cyrillic, prefixes of each other, empty), ordered by SQLite, the merge finds
    /// exactly the listed ones among all of them asked in SQLite's order. `LEADTRAIL_PROPERTY_CASES` sets the count.
    @Test func theMergeAgreesWithSQLitesOrder() throws {
        let cases = SeededSequence.cases(standard: 60)
        var random = SeededSequence(seed: 0x5EED_0017)
        func next(_ bound: Int) -> Int { random.next(below: bound) }
        let pieces = ["a", "b", "Z", "0", "9", "-", "я", "Ж", "ё", "v:", "visitor-", "\u{1F600}", "ab", "a b"]
        let queue = try DatabaseQueue()
        for _ in 0..<cases {
            var all = Set<String>()
            for _ in 0..<(1 + next(200)) {
                all.insert((0..<next(5)).map { _ in pieces[next(pieces.count)] }.joined())
            }
            let listed = all.filter { _ in next(3) == 0 }
            let (listedInOrder, allInOrder) = try queue.write { db in
                try db.execute(sql: "DROP TABLE IF EXISTS v; CREATE TABLE v (id TEXT PRIMARY KEY, listed INTEGER)")
                for id in all { try db.execute(sql: "INSERT INTO v VALUES (?, ?)", arguments: [id, listed.contains(id)]) }
                return (
                    try String.fetchAll(db, sql: "SELECT id FROM v WHERE listed ORDER BY id"),
                    try String.fetchAll(db, sql: "SELECT id FROM v ORDER BY id")
                )
            }
            var sorted = SortedVisitors()
            for id in listedInOrder {
                try Self.withBytes(id) { try sorted.append($0) }
                try Self.withBytes(id) { try sorted.append($0) }  // a repeat, as a visitor of two leads comes
            }
            #expect(sorted.count == listed.count)
            for id in allInOrder {
                let found = try Self.withBytes(id) { try sorted.containsAscending($0) }
                #expect(found == listed.contains(id), "\(id.debugDescription)")
            }
        }
    }

    /// Ids or visitors out of order are an error, never a wrong answer.
    @Test func outOfOrderIsAnError() throws {
        var sorted = SortedVisitors()
        try Self.withBytes("b") { try sorted.append($0) }
        #expect(throws: SortedVisitors.OutOfOrder.self) { try Self.withBytes("a") { try sorted.append($0) } }
        #expect(try Self.withBytes("c") { try sorted.containsAscending($0) } == false)
        #expect(throws: SortedVisitors.OutOfOrder.self) { try Self.withBytes("b") { try sorted.containsAscending($0) } }
    }

    private static func withBytes<T>(_ id: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try Array(id.utf8).withUnsafeBufferPointer(body)
    }
}
