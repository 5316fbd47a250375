#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailPostgres
import LeadTrailStore
import Testing

/// Spend in bulk (`putSpends`) gives exactly what one `putSpend` after another gives: outcomes, rows, campaigns and
/// the versions and undo rows kept.
@Suite(.enabled(if: TestServer.enabled))
struct PostgresBulkSpendTests {
    static func day(_ number: Int) throws -> CalendarDate {
        try CalendarDate(parsing: String(format: "2026-10-%02d", number))
    }

    static func importSpend(_ store: PostgresStore, _ spends: [Spend], bulk: Bool, name: String) throws -> [String] {
        var outcomes: [String] = []
        _ = try store.runImport(
            ImportBatch(
                id: nil, kind: .spend, fileName: name, fileHash: name, preset: nil,
                importedAt: Timestamp(microseconds: 1_790_000_000_000_000), counts: ImportCounts()), dryRun: false
        ) { writer in
            var counts = ImportCounts()
            let written = bulk ? try writer.putSpends(spends) : try spends.map { try writer.putSpend($0) }
            for outcome in written {
                counts.count(outcome)
                outcomes.append(outcome.rawValue)
            }
            return counts
        }
        return outcomes
    }

    /// New days of known campaigns, days already there (the same and changed), a campaign the file creates, an
    /// auto-created campaign whose platform a row names, and one the file's kind places.
    @Test func bulkEqualsOneByOne() throws {
        let rub = try Currency(code: "RUB")
        func money(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: rub) }
        var first: [Spend] = []
        for number in 1...5 { first.append(Spend(date: try Self.day(number), campaign: "осень-2026", amount: money(100))) }
        for number in 1...3 {
            first.append(Spend(date: try Self.day(number), campaign: "весна", amount: money(7), platform: .vk))
        }
        var second: [Spend] = []
        for number in 1...10 {
            second.append(
                Spend(
                    date: try Self.day(number), campaign: "осень-2026", amount: money(number == 2 ? 150 : 100),
                    impressions: number > 5 ? Int64(number) : 0))
        }
        second.append(Spend(date: try Self.day(4), campaign: "весна", amount: money(8), platform: .yandex))
        for number in 5...8 { second.append(Spend(date: try Self.day(number), campaign: "весна", amount: money(9))) }
        for number in 1...5 {
            second.append(
                Spend(
                    date: try Self.day(number), campaign: "новая", amount: money(Int64(number)),
                    campaignName: "Новая", fallbackPlatform: .facebook))
        }
        second.append(Spend(date: try Self.day(3), campaign: "осень-2026", amount: money(1), fallbackPlatform: .vk))
        func run(bulk: Bool) throws -> String {
            try TestServer.withDatabase { location in
                let store = try PostgresStore.create(location).store
                let setUp = try Self.importSpend(store, first, bulk: false, name: "first.csv")
                let outcomes = try Self.importSpend(store, second, bulk: bulk, name: "second.csv")
                let state = try store.transaction(readOnly: true) { db in
                    let spend = try db.rows(
                        """
                        SELECT day || ' ' || campaign.key || ' ' || amount_minor || ' ' || coalesce(spend.platform, '-')
                               || ' ' || impressions || ' ' || coalesce(spend.batch_id::text, '-')
                        FROM spend JOIN campaign ON campaign.id = spend.campaign_id ORDER BY day, campaign.key
                        """
                    ).map { try $0.text(at: 0) }
                    let campaigns = try db.rows(
                        "SELECT id || ' ' || key || ' ' || name || ' ' || platform || ' ' || auto_created FROM campaign ORDER BY id"
                    ).map { try $0.text(at: 0) }
                    let versions = try db.rows(
                        "SELECT table_name || ' ' || record_key || ' ' || batch_id FROM batch_version ORDER BY 1"
                    ).map { try $0.text(at: 0) }
                    let undo = try db.rows(
                        """
                        SELECT batch_id || ' ' || table_name || ' ' || (row_data::jsonb - 'created_at')::text
                        FROM batch_undo ORDER BY 1
                        """
                    ).map { try $0.text(at: 0) }
                    return [spend, campaigns, versions, undo].map { $0.joined(separator: "\n") }
                }
                return ([setUp.joined(separator: " "), outcomes.joined(separator: " ")] + state)
                    .joined(separator: "\n---\n")
            }
        }
        let oneByOne = try run(bulk: false)
        let bulk = try run(bulk: true)
        #expect(bulk == oneByOne, "in bulk:\n\(bulk)\none by one:\n\(oneByOne)")
        #expect(oneByOne.contains("updated") && oneByOne.contains("skipped") && oneByOne.contains("imported"))
    }
}
#endif
