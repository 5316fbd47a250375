import Foundation
import LeadTrailCore
import LeadTrailStore
import Testing

/// The scenario both stores run (the same file in LeadTrailStoreTests and LeadTrailPostgresTests, which share no
/// sources): `state` reads ``stateSQL`` from the store's database, sorted.
enum SpendRenameScenario {
    /// Every day of spend and every campaign, one line each (the same SQL on both stores; the caller sorts).
    static let stateSQL = """
        SELECT 'spend ' || spend.day || ' ' || campaign.key || ' ' || spend.amount_minor || ' '
               || coalesce(spend.platform_campaign_id, '-') || ' ' || coalesce(spend.batch_id, 0) AS line
        FROM spend JOIN campaign ON campaign.id = spend.campaign_id
        UNION ALL SELECT 'campaign ' || key FROM campaign
        """

    static func day(_ number: Int) throws -> CalendarDate {
        try CalendarDate(parsing: String(format: "2026-10-%02d", number))
    }

    /// Days of campaign 501 under `name` (and, for the first file, a day of another campaign).
    static func file(_ name: String, days: ClosedRange<Int>, amount: Int64, other: Bool = false) throws -> [Spend] {
        var spends = try days.map { number in
            Spend(
                date: try day(number), campaign: Normalize.key(name) ?? name,
                amount: Money(minorUnits: amount * 100 + Int64(number), currency: .rub), platform: .yandex,
                campaignName: name, platformCampaignID: "501")
        }
        if other {
            spends.append(
                Spend(
                    date: try day(1), campaign: "courses", amount: Money(minorUnits: 7, currency: .rub),
                    platform: .yandex, platformCampaignID: "777"))
        }
        return spends
    }

    /// Imports `spends` as one batch the way `Importer` does; returns its id and the renames it moved.
    @discardableResult
    static func importSpend(
        _ store: any ImportingStore, _ spends: [Spend], accepting: Bool, name: String
    ) throws -> (batch: Int64?, renames: [SpendRename]) {
        var renames: [SpendRename] = []
        let batch = try store.runImport(
            ImportBatch(
                id: nil, kind: .spend, fileName: name, fileHash: name, preset: "yandex-direct",
                importedAt: Timestamp(microseconds: 1_790_000_000_000_000), counts: ImportCounts()), dryRun: false
        ) { writer in
            renames = try writer.moveRenamedSpend(spends, accepting: accepting)
            var counts = ImportCounts()
            counts.read = spends.count
            for outcome in try writer.putSpends(spends) { counts.count(outcome) }
            return counts
        }
        return (batch.id, renames)
    }

    static func run(_ store: any ImportingStore, state: () throws -> String) throws {
        let october = try file("Brand_Old", days: 1...3, amount: 100, other: true)
        let renamed = try file("Brand_New", days: 1...4, amount: 100)
        let first = try #require(try importSpend(store, october, accepting: false, name: "a.tsv").batch)
        let afterFirst = try state()
        #expect(afterFirst.contains("spend 2026-10-01 brand_old 10001 501 \(first)"), "\(afterFirst)")

        // Not accepted: refused naming the id, both names and the days; nothing written.
        #expect {
            try importSpend(store, renamed, accepting: false, name: "b.tsv")
        } throws: { error in
            let text = "\(error)"
            return text.contains("campaign 501 (yandex) has 3 days of spend stored as 'Brand_Old'")
                && text.contains("(2026-10-01…2026-10-03)") && text.contains("names it 'Brand_New'")
                && text.contains("--accept-renames")
        }
        #expect(try state() == afterFirst)

        // Accepted: the three days move; the month is stored once.
        let (second, renames) = try importSpend(store, renamed, accepting: true, name: "b.tsv")
        #expect(
            renames.map(\.note) == [
                "campaign 501 renamed 'Brand_Old' → 'Brand_New': 3 stored days replaced (2026-10-01…2026-10-03)"
            ])
        let moved = try state()
        #expect(!moved.contains("spend 2026-10-01 brand_old"), "\(moved)")
        #expect(moved.components(separatedBy: " brand_new ").count - 1 == 4, "\(moved)")
        #expect(moved.contains("spend 2026-10-01 courses 7 777 \(first)"), "\(moved)")

        // Undone: the first import's rows exactly.
        _ = try store.undoImport(try #require(second), force: false)
        #expect(try state() == afterFirst)

        // Renamed, renamed back (the first file again), then the rename undone out of order: the first import's
        // state, as importing the standing batches (the first, and the same file again) makes it.
        let third = try #require(try importSpend(store, renamed, accepting: true, name: "c.tsv").batch)
        let back = try importSpend(store, october, accepting: true, name: "d.tsv")
        #expect(back.renames.map(\.days.count) == [3])
        let fourth = try #require(back.batch)
        _ = try store.undoImport(third, force: false)
        #expect(try state() == afterFirst)
        _ = try store.undoImport(fourth, force: false)
        #expect(try state() == afterFirst)

        // The first import undone while the rename stands: the renamed days are the rename's alone.
        let fifth = try #require(try importSpend(store, renamed, accepting: true, name: "e.tsv").batch)
        _ = try store.undoImport(first, force: false)
        let alone = try state()
        let expected =
            (1...4).map { "spend 2026-10-0\($0) brand_new \(10000 + $0) 501 \(fifth)" } + ["campaign brand_new"]
        #expect(alone == expected.sorted().joined(separator: "\n"))
    }
}
