#if Postgres
import Foundation
import Synchronization
import LeadTrailCore
import LeadTrailPostgres
import LeadTrailStore
import Testing

/// Clicks in bulk give exactly what one `addClick` after another gives; `LEADTRAIL_PG_BENCH_CLICKS=N` also times
/// both ways on N clicks and prints the rates.
@Suite(.enabled(if: TestServer.enabled))
struct PostgresBulkClickTests {
    static let start = Timestamp(microseconds: 1_790_000_000_000_000)

    static func clicks(_ count: Int, offset: Int = 0) -> [Touch] {
        (0..<count).map { number in
            let n = number + offset
            return Touch(
                key: "click-\(n)", at: Timestamp(microseconds: start.microseconds + Int64(n) * 1_000_000),
                visitor: "visitor-\(n % 997)", url: "https://example.ru/?utm_campaign=c\(n % 7)",
                utm: UTM(source: "yandex", medium: "cpc", campaign: "Кампания \(n % 7)"),
                clickID: n % 5 == 0 ? ClickID(parameter: "yclid", value: "y\(n % 301)") : nil, channel: .paidSearch)
        }
    }

    static func importClicks(_ store: PostgresStore, _ touches: [Touch], bulk: Bool) throws -> ImportBatch {
        try store.runImport(
            ImportBatch(
                id: nil, kind: .clicks, fileName: "clicks.csv", fileHash: "\(touches.count)", preset: nil,
                importedAt: start, counts: ImportCounts()), dryRun: false
        ) { writer in
            var counts = ImportCounts()
            if bulk {
                for chunk in stride(from: 0, to: touches.count, by: 1000) {
                    for outcome in try writer.addClicks(Array(touches[chunk..<min(chunk + 1000, touches.count)])) {
                        counts.count(outcome)
                    }
                }
            } else {
                for touch in touches { counts.count(try writer.addClick(touch)) }
            }
            return counts
        }
    }

    /// New clicks, clicks already there (same and changed), and a key twice in one chunk: the same outcomes and
    /// rows in bulk as one by one.
    @Test func bulkEqualsOneByOne() throws {
        var changed = Self.clicks(40, offset: 30)
        changed[3].visitor = "someone-else"
        let second = changed + [changed[0]] + Self.clicks(5, offset: 200)
        func run(bulk: Bool) throws -> String {
            try TestServer.withDatabase { location in
                let store = try PostgresStore.create(location).store
                let first = try Self.importClicks(store, Self.clicks(50), bulk: bulk)
                let again = try Self.importClicks(store, second, bulk: bulk)
                let rows = try store.transaction(readOnly: true) { db in
                    try db.rows(
                        """
                        SELECT record_key || ' ' || visitor || ' ' || coalesce(batch_id::text, '-') || ' '
                               || coalesce((SELECT key FROM campaign WHERE id = campaign_id), '-')
                        FROM touch ORDER BY record_key
                        """
                    ).map { try $0.text(at: 0) }
                }
                let shared = try store.transaction(readOnly: true) { db in
                    try db.rows("SELECT click_id FROM shared_click_id ORDER BY click_id").map { try $0.text(at: 0) }
                }
                return "\(first.counts)\n\(again.counts)\n\(rows.joined(separator: "\n"))\n\(shared)"
            }
        }
        let oneByOne = try run(bulk: false)
        #expect(try run(bulk: true) == oneByOne)
        #expect(oneByOne.contains("updated: 1"))
    }

    /// A file whose keys are half stored (every other one, some of them changed since): its new clicks are copied
    /// straight into `touch` beside the stored ones, with the same outcomes, rows and ids as one by one.
    @Test func halfStoredKeys() throws {
        let stored = Self.clicks(60).enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        var file = Self.clicks(60)
        file[9].visitor = "someone-else"
        func run(bulk: Bool) throws -> String {
            try TestServer.withDatabase { location in
                let store = try PostgresStore.create(location).store
                _ = try Self.importClicks(store, stored, bulk: bulk)
                let again = try Self.importClicks(store, file, bulk: bulk)
                let rows = try store.transaction(readOnly: true) { db in
                    try db.rows(
                        """
                        SELECT id::text || ' ' || record_key || ' ' || visitor || ' ' || origin || ' '
                               || coalesce(batch_id::text, '-')
                        FROM touch ORDER BY id
                        """
                    ).map { try $0.text(at: 0) }
                }
                return "\(again.counts)\n\(rows.joined(separator: "\n"))"
            }
        }
        let oneByOne = try run(bulk: false)
        #expect(try run(bulk: true) == oneByOne)
        #expect(oneByOne.contains("imported: 30") && oneByOne.contains("updated: 1"))
    }

    /// A key another writer stores after the chunk's probe (its transaction still open when the probe looks, committed
    /// while the copy waits on it): the copy straight into `touch` meets the key, the chunk goes back to its savepoint
    /// and takes the staging path, and the click counts as already there.
    @Test func keyStoredByAnotherWriterMidChunk() throws {
        try TestServer.withDatabase { location in
            let store = try PostgresStore.create(location).store
            let touches = Self.clicks(50)
            let taken = touches[7]
            let inserted = DispatchSemaphore(value: 0)
            let group = DispatchGroup()
            let failure = Mutex<(any Error)?>(nil)
            DispatchQueue.global().async(group: group) {
                do {
                    let other = try PostgresStore.open(location)
                    try other.transaction { db in
                        _ = try db.execute(
                            """
                            INSERT INTO touch (record_key, at, visitor, url, utm_source, utm_medium, utm_campaign,
                                               click_id_type, click_id, channel)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                            [
                                .text(taken.key), .integer(taken.at.microseconds), .text(taken.visitor),
                                .text(taken.url ?? ""), .text("yandex"), .text("cpc"), .text("Кампания 0"),
                                taken.clickID.map { .text($0.parameter) } ?? .null,
                                taken.clickID.map { .text($0.value) } ?? .null, .text(taken.channel.rawValue),
                            ])
                        inserted.signal()
                        Thread.sleep(forTimeInterval: 1)
                    }
                } catch {
                    failure.withLock { $0 = error }
                    inserted.signal()
                }
            }
            inserted.wait()
            let batch = try Self.importClicks(store, touches, bulk: true)
            group.wait()
            #expect(failure.withLock { $0 == nil })
            #expect(batch.counts.imported == 49)
            #expect(batch.counts.skipped == 1)
            let rows = try store.transaction(readOnly: true) { db in
                try db.rows("SELECT record_key FROM touch WHERE batch_id IS NULL").map { try $0.text(at: 0) }
            }
            #expect(rows == [taken.key])
            let total = try store.transaction(readOnly: true) { db in try db.int("SELECT count(*) FROM touch") }
            #expect(total == 50)
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["LEADTRAIL_PG_BENCH_CLICKS"] != nil))
    func timeBulkAndOneByOne() throws {
        let count = Int(ProcessInfo.processInfo.environment["LEADTRAIL_PG_BENCH_CLICKS"] ?? "") ?? 100_000
        let touches = Self.clicks(count)
        for bulk in [true, false] {
            try TestServer.withDatabase { location in
                let store = try PostgresStore.create(location).store
                let started = Date()
                let batch = try Self.importClicks(store, touches, bulk: bulk)
                let seconds = Date().timeIntervalSince(started)
                print(
                    "\(bulk ? "multi-row INSERT" : "one INSERT per click"): \(count) clicks in "
                        + "\(String(format: "%.1f", seconds)) s, \(Int(Double(count) / seconds)) rows/s")
                #expect(batch.counts.imported == count)
            }
        }
    }

    /// A report right after a large import is planned for the rows now there: the import leaves the planner's
    /// statistics of `touch` up to date (without them a fresh table of millions of touches was taken for a few
    /// thousand rows, and a year's journeys were sorted on disk). A small import does not pay for it.
    @Test func aLargeImportLeavesThePlannerStatisticsOfItsRows() throws {
        try TestServer.withDatabase { location in
            let store = try PostgresStore.create(location).store
            func estimatedTouches() throws -> Double {
                try store.transaction(readOnly: true) { db in
                    try db.rows("SELECT reltuples::float8::text FROM pg_class WHERE relname = 'touch'")
                        .map { Double(try $0.text(at: 0)) ?? -2 }.first ?? -2
                }
            }
            _ = try Self.importClicks(store, Self.clicks(500), bulk: true)
            let afterSmall = try estimatedTouches()
            #expect(afterSmall < 500, "a 500-click import analyzed touch (estimate \(afterSmall))")
            _ = try Self.importClicks(store, Self.clicks(12_000, offset: 500), bulk: true)
            let afterLarge = try estimatedTouches()
            #expect(afterLarge >= 12_000, "the planner still takes touch for \(afterLarge) rows")
        }
    }
}
#endif
