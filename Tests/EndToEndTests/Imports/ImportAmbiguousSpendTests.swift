import Foundation
import Testing

/// SPEC "What an import promises": an export that is cut short, or that could be read two ways, is refused in one
/// line naming the file, the row and the reason, and the database stays as it was; never money lost or multiplied
/// with exit 0 (found by trying real-shaped exports as a newcomer would).
struct ImportAmbiguousSpendTests {
    @Test func aYandexFileCutInsideItsLastCostIsRefusedNotReadAsRubles() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            // The last cell was 4100000000 micros (4,100 RUB); the file ends after "4100".
            let file = try ws.write(
                "direct.tsv",
                text: "\"Actual Data (2026-10-01 - 2026-10-02)\"\nDate\tCampaignName\tImpressions\tClicks\tCost\n"
                    + "2026-10-01\tbrand\t332\t40\t495560000\n2026-10-02\tbrand\t300\t35\t4100")
            try ws.refuse(
                ["import", "spend", file, "--preset", "yandex-direct", "--currency", "RUB"],
                mentioning: "direct.tsv: data row 2, line 4:", "'495560000'", "'4100'", "--money-in-micros")
            // Said by the user, the file reads one way: as micros the cut cell is refused, as units it imports.
            try ws.refuse(
                [
                    "import", "spend", file, "--preset", "yandex-direct", "--currency", "RUB", "--money-in-micros",
                    "yes",
                ],
                mentioning: "direct.tsv: data row 2", "more decimals than RUB allows")
            let summary = try ws.importSummary(
                ["import", "spend", file, "--preset", "yandex-direct", "--currency", "RUB", "--money-in-micros", "no"])
            #expect(ImportCounts(summary) == ImportCounts(read: 2, imported: 2))
        }
    }

    @Test(arguments: [
        ("short.tsv", "2026-10-02\tbrand\t300\t35"),
        ("empty-cost.tsv", "2026-10-02\tbrand\t300\t35\t"),
    ])
    func aYandexRowWithoutItsCostIsRefusedNotAFreeDay(name: String, row: String) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = try ws.write(
                name,
                text: "Date\tCampaignName\tImpressions\tClicks\tCost\n2026-10-01\tbrand\t332\t40\t495560000\n\(row)\n")
            try ws.refuse(
                ["import", "spend", file, "--preset", "yandex-direct", "--currency", "RUB"],
                mentioning: "\(name): data row 2, line 3: field 'amount'", "no Cost value")
        }
    }

    @Test(arguments: [
        ("generic.csv", "date,campaign,currency,amount\n2026-10-01,c1,RUB,100\n2026-10-02,c1,RUB,\"12", "generic"),
        ("meta.csv", "Day,Campaign name,Amount spent (USD)\n2026-10-01,\"c1\",5\n2026-10-02,\"c1\",\"10", "meta-ads"),
    ])
    func aTableThatEndsInsideAQuotedValueIsRefused(name: String, text: String, preset: String) throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "USD"])
            let file = try ws.write(name, text: text)
            try ws.refuse(
                ["import", "spend", file, "--preset", preset], mentioning: "\(name): line 3:",
                "ends inside a quoted value")
        }
    }

    @Test(arguments: [
        (
            "meta.csv",
            "Day,Campaign name,Amount spent (USD),Amount spent (EUR)\n2026-10-01,A,10.00,\n2026-10-01,B,,50.00\n",
            "meta-ads", "'Amount spent (USD)', 'Amount spent (EUR)'"
        ),
        (
            "vk.csv", "Дата;Кампания;Потрачено, ₽;Потрачено, $\n01.10.2026;c1;100,00;\n01.10.2026;c2;;5,00\n",
            "vk-ads", "'Потрачено, ₽', 'Потрачено, $'"
        ),
    ])
    func twoSpendColumnsAreRefusedOrChosenWithAMap(name: String, text: String, preset: String, columns: String) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = try ws.write(name, text: text)
            try ws.refuse(
                ["import", "spend", file, "--preset", preset, "--currency", "RUB"],
                mentioning: "\(name): line 1:", "2 columns could be the spend", columns, "--map")
            // The second column chosen: its money, in its header's currency; a --currency that contradicts it is
            // refused naming both (session 24: it was silently ignored).
            let (column, campaign, currency) =
                preset == "vk-ads" ? ("Потрачено, $", "c2", "USD") : ("Amount spent (EUR)", "B", "EUR")
            _ = try ws.write("map.json", text: "{\"fields\": {\"amount\": \"\(column)\"}}")
            try ws.refuse(
                ["import", "spend", file, "--preset", preset, "--currency", "RUB", "--map", "map.json"],
                mentioning: "column '\(column)' is in \(currency), but --currency says RUB")
            try ws.succeed(["import", "spend", file, "--preset", preset, "--map", "map.json"])
            let shown = try ws.object(["campaign", "show", campaign])
            let spend = (shown["spend"] as? [[String: Any]] ?? []).map {
                "\(jsonDecimal($0["amount"]) ?? -1) \($0["currency"] ?? "")"
            }
            #expect(spend == ["\(preset == "vk-ads" ? 5 : 50) \(currency)"], "\(shown)")
        }
    }

    /// Slash dates are read the way the file writes them: a US export (`10/13/2026`) month first, a European one
    /// (`13/10/2026`) day first; a file whose dates read both ways with none to tell is refused (its spend would land
    /// on other days), unless `--date-order` says; a day that is no calendar day is quoted as written.
    @Test func slashDatesAreReadAsTheFileWritesThem() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            /// The campaign's spend days, in order, as stored.
            func days(_ campaign: String) throws -> [String] {
                let sql = """
                    SELECT group_concat(day, ' ') FROM (SELECT day FROM spend JOIN campaign ON campaign.id = spend.campaign_id
                    WHERE campaign.key = '\(campaign)' ORDER BY day)
                    """
                return try ImportDump.text(ws.defaultDatabase, sql).split(separator: " ").map(String.init)
            }
            let us = try ws.write(
                "us.csv",
                text: "Day,Campaign name,Amount spent (USD)\n10/01/2026,us,5\n10/02/2026,us,6\n10/13/2026,us,7\n")
            try ws.succeed(["import", "spend", us, "--preset", "meta-ads"])
            let europe = try ws.write(
                "eu.csv", text: "Day,Campaign name,Amount spent (EUR)\n01/10/2026,eu,5\n13/10/2026,eu,7\n")
            try ws.succeed(["import", "spend", europe, "--preset", "meta-ads"])
            let short = try ws.write(
                "short.csv", text: "Day,Campaign name,Amount spent (USD)\n10/01/2026,short,5\n10/02/2026,short,6\n")
            try ws.refuse(
                ["import", "spend", short, "--preset", "meta-ads"],
                mentioning: "short.csv: data row 1, line 2: the date '10/01/2026' reads two ways", "--date-order")
            try ws.succeed(["import", "spend", short, "--preset", "meta-ads", "--date-order", "mdy"])
            let mixed = try ws.write(
                "mixed.csv", text: "Дата;Кампания;Потрачено, ₽\n13/10/2026;m;1\n10/14/2026;m;2\n")
            try ws.refuse(
                ["import", "spend", mixed, "--preset", "vk-ads"], mentioning: "mixed.csv: data row 2", "dates disagree")
            let noDay = try ws.write("noday.csv", text: "Дата;Кампания;Потрачено, ₽\n31.09.2026;m;1\n")
            try ws.refuse(["import", "spend", noDay, "--preset", "vk-ads"], mentioning: "invalid date '31.09.2026'")
            #expect(try days("us") == ["2026-10-01", "2026-10-02", "2026-10-13"])
            #expect(try days("eu") == ["2026-10-01", "2026-10-13"])
            #expect(try days("short") == ["2026-10-01", "2026-10-02"])
        }
    }

    /// `--encoding windows-1251` on a UTF-8 file would make every Cyrillic name mojibake (`РџРѕРёСЃРє`): refused.
    @Test func aUTF8FileGivenAsWindows1251IsRefused() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = try ws.write("vk.csv", text: "Дата;Кампания;Потрачено, ₽\n01.10.2026;Поиск бренд;100,00\n")
            try ws.refuse(
                ["import", "spend", file, "--preset", "vk-ads", "--encoding", "windows-1251"],
                mentioning: "vk.csv: the file is UTF-8 text, not Windows-1251", "drop --encoding")
            try ws.succeed(["import", "spend", file, "--preset", "vk-ads"])
        }
    }

    /// One campaign name on VK and on Direct: the second platform's day of spend replaced the first's (4,000 of
    /// 6,000 roubles left, the campaign moved to yandex) with exit 0. Refused on both stores, naming both platforms;
    /// a new day of the other platform, or a re-export of the same platform, still imports.
    @Test(arguments: StoreKind.allCases)
    func aDayOfSpendFromAnotherPlatformIsNotReplaced(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            let vk = try ws.write(
                "vk.csv",
                text: "Дата;Кампания;Потрачено, ₽\n01.10.2026;autumn_sale;1000,00\n02.10.2026;autumn_sale;1000,00\n")
            try ws.succeed(["import", "spend", vk, "--preset", "vk-ads"])
            let direct = try ws.write(
                "direct.tsv",
                text: "Date\tCampaignName\tCost\n2026-10-02\tautumn_sale\t2000.00\n2026-10-03\tautumn_sale\t2000.00\n")
            try ws.refuse(
                ["import", "spend", direct, "--preset", "yandex-direct", "--currency", "RUB"],
                mentioning: "campaign 'autumn_sale' has vk spend on 2026-10-02; a yandex row would replace it")
            let corrected = try ws.write(
                "vk2.csv", text: "Дата;Кампания;Потрачено, ₽\n02.10.2026;autumn_sale;1100,00\n")
            try ws.succeed(["import", "spend", corrected, "--preset", "vk-ads"])
            let later = try ws.write(
                "direct2.tsv", text: "Date\tCampaignName\tCost\n2026-10-03\tautumn_sale\t2000.00\n")
            try ws.succeed(["import", "spend", later, "--preset", "yandex-direct", "--currency", "RUB"])
            let roas = try jsonObject(
                try ws.succeed([
                    "report", "roas", "--by", "campaign", "--from", "2026-10-01", "--to", "2026-10-31", "--format",
                    "json",
                ]).stdout)
            let totals = try #require(roas["totals"] as? [String: Any])
            #expect(jsonDecimal(totals["spend"]) == 4100, "\(totals)")
        }
    }

    /// A platform's export given the wrong preset is refused naming the preset that reads it.
    @Test func theWrongPresetNamesTheOneThatReadsTheFile() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = try ws.write("vk.csv", text: "Дата;Кампания;Потрачено, ₽\n01.10.2026;c1;100,00\n")
            try ws.refuse(
                ["import", "spend", file, "--preset", "yandex-direct", "--currency", "RUB"],
                mentioning: "vk.csv: line 1: no 'Cost' ('Расход') column", "give --preset vk-ads")
        }
    }
}
