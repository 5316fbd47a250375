#if Postgres
import Foundation
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
}
#endif
