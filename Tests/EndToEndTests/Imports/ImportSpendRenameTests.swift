import Foundation
import Testing

/// A campaign renamed in the ad platform and its month exported again (docs/presets.md, "A renamed campaign"): the
/// platform names every day by the campaign's current name, so the days stored under the old name were stored a second
/// time under the new one and counted twice in `report roas`, with exit 0. The platform's campaign id now tells them.
struct ImportSpendRenameTests {
    /// A Yandex Direct Reports API export of October for two campaigns, the first named `brand`.
    static func yandexOctober(brand: String) -> String {
        var lines = [
            "\"Студия Ласка — расходы Директ (2026-10-01 - 2026-10-31)\"",
            "Date\tCampaignId\tCampaignName\tImpressions\tClicks\tCost",
        ]
        for day in 1...31 {
            let date = String(format: "2026-10-%02d", day)
            lines.append("\(date)\t98765401\t\(brand)\t\(500 + day)\t\(30 + day)\t\(400_000_000 + day * 10_000_000)")
            lines.append("\(date)\t98765422\tyandex_search_courses\t\(1500 + day)\t\(70 + day)\t\(1_700_000_000 + day * 10_000)")
        }
        lines.append("Total rows: 62")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The month's spend: brand 400 + day × 10 RUB, courses 1700 + day × 0.01 RUB.
    static let octoberSpend = Decimal(string: "70064.96")!

    /// `report roas --by campaign` for October as JSON.
    static func roas(_ ws: Workspace) throws -> [String: Any] {
        try jsonObject(
            try ws.succeed([
                "report", "roas", "--by", "campaign", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "json",
            ]).stdout)
    }

    static func spend(_ roas: [String: Any], key: String? = nil) -> Decimal? {
        guard let key else { return jsonDecimal((roas["totals"] as? [String: Any])?["spend"]) }
        let rows = roas["rows"] as? [[String: Any]] ?? []
        return jsonDecimal(rows.first { $0["key"] as? String == key }?["spend"])
    }

    /// Every stored day of spend with its campaign, amount, platform id and batch, in order.
    static func spendRows(_ ws: Workspace) throws -> String {
        let sql = """
            SELECT group_concat(line, '|') FROM (
                SELECT spend.day || ' ' || campaign.key || ' ' || spend.amount_minor || ' '
                       || coalesce(spend.platform_campaign_id, '-') || ' ' || coalesce(spend.batch_id, 0) AS line
                FROM spend JOIN campaign ON campaign.id = spend.campaign_id ORDER BY spend.day, campaign.key)
            """
        if let postgres = ws.postgres {
            return try postgres.execute(
                """
                SELECT string_agg(spend.day || ' ' || campaign.key || ' ' || spend.amount_minor || ' '
                       || coalesce(spend.platform_campaign_id, '-') || ' ' || coalesce(spend.batch_id, 0), '|'
                       ORDER BY spend.day, campaign.key)
                FROM spend JOIN campaign ON campaign.id = spend.campaign_id
                """)
        }
        return try ImportDump.text(ws.defaultDatabase, sql)
    }

    @Test(arguments: StoreKind.allCases)
    func aRenamedCampaignsMonthImportedAgainIsCountedOnce(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            let first = try ws.write("direct-october.tsv", text: Self.yandexOctober(brand: "yandex_search_brand"))
            try ws.succeed(["import", "spend", first, "--preset", "yandex-direct", "--currency", "RUB"])
            #expect(Self.spend(try Self.roas(ws)) == Self.octoberSpend)
            let stored = try Self.spendRows(ws)
            #expect(stored.contains("2026-10-01 yandex_search_brand 41000 98765401 1"), "\(stored)")

            // The campaign renamed in Direct mid-month; the month exported again names every day `brand_search`.
            let renamed = try ws.write("direct-october-2.tsv", text: Self.yandexOctober(brand: "Brand_Search"))
            let arguments = ["import", "spend", renamed, "--preset", "yandex-direct", "--currency", "RUB"]
            try ws.refuse(
                arguments, mentioning: "direct-october-2.tsv: campaign 98765401 (yandex)", "31 days of spend stored as 'yandex_search_brand'",
                "2026-10-01…2026-10-31", "this file names it 'Brand_Search'", "count those days twice",
                "--accept-renames")
            #expect(Self.spend(try Self.roas(ws)) == Self.octoberSpend)

            let accepted = try ws.succeed(arguments + ["--accept-renames", "--format", "table"])
            #expect(
                accepted.stdout.contains(
                    "note: campaign 98765401 renamed 'yandex_search_brand' → 'Brand_Search': 31 stored days replaced"),
                "\(accepted)")
            let roas = try Self.roas(ws)
            #expect(Self.spend(roas) == Self.octoberSpend)
            #expect(Self.spend(roas, key: "brand_search") == Decimal(string: "17360"))
            #expect(Self.spend(roas, key: "yandex_search_brand") == nil)
            #expect(try ws.integer("SELECT count(*) FROM spend") == 62)

            // The same file again changes nothing; undoing the rename gives back the first import exactly.
            let again = try ws.importSummary(arguments + ["--accept-renames"])
            #expect(again["changed_nothing"] as? Bool == true, "\(again)")
            let batch = try ws.integer("SELECT max(id) FROM import_batch")
            try ws.succeed(["imports", "undo", String(batch)])
            #expect(try Self.spendRows(ws) == stored)
            #expect(Self.spend(try Self.roas(ws)) == Self.octoberSpend)
        }
    }

    /// VK Ads' `ID кампании` and Meta's `Campaign ID` are read as Direct's `CampaignId` is; an export without an id
    /// column imports as before; one file naming an id by two names on one day is refused naming both rows.
    @Test func vkAndMetaIDsTellARenameAndFilesWithoutIDsImportAsBefore() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let vk = "Дата;Кампания;ID кампании;Показы;Клики;Охват;Потрачено, ₽\n"
            let vkFirst = try ws.write("vk.csv", text: vk + "01.10.2026;vk_autumn_sale;53811207;100;9;80;2 267,74\n")
            try ws.succeed(["import", "spend", vkFirst, "--preset", "vk-ads"])
            let vkRenamed = try ws.write("vk2.csv", text: vk + "01.10.2026;vk_autumn;53811207;100;9;80;2 267,74\n")
            try ws.refuse(
                ["import", "spend", vkRenamed, "--preset", "vk-ads"],
                mentioning: "campaign 53811207 (vk) has 1 day of spend stored as 'vk_autumn_sale' (2026-10-01)")

            let meta = "Day,Campaign name,Campaign ID,Amount spent (USD),Impressions\n"
            let metaFirst = try ws.write("meta.csv", text: meta + "2026-10-02,IG_Stories_Oct,120210001,9.78,1204\n")
            try ws.succeed(["import", "spend", metaFirst, "--preset", "meta-ads"])
            let metaRenamed = try ws.write("meta2.csv", text: meta + "2026-10-02,IG Stories,120210001,9.78,1204\n")
            try ws.refuse(
                ["import", "spend", metaRenamed, "--preset", "meta-ads"],
                mentioning: "campaign 120210001 (facebook) has 1 day of spend stored as 'IG_Stories_Oct'")
            try ws.succeed(["import", "spend", metaRenamed, "--preset", "meta-ads", "--accept-renames"])
            #expect(try ws.integer("SELECT count(*) FROM spend WHERE day = '2026-10-02'") == 1)

            // Without an id column nothing tells a rename: the file imports as it did.
            let noID = try ws.write(
                "vk3.csv", text: "Дата;Кампания;Потрачено, ₽\n01.10.2026;vk_autumn_2;2 267,74\n")
            try ws.succeed(["import", "spend", noID, "--preset", "vk-ads"])

            // Two exports pasted into one file: the id under two names on one day.
            let pasted = try ws.write(
                "pasted.csv", text: vk + "05.10.2026;vk_autumn_sale;53811207;1;1;1;10\n05.10.2026;vk_autumn;53811207;1;1;1;10\n")
            try ws.refuse(
                ["import", "spend", pasted, "--preset", "vk-ads"],
                mentioning: "pasted.csv: data row 2", "campaign 53811207 is named 'vk_autumn_sale' in data row 1")
        }
    }
}
