import Foundation
import Testing

/// Session 24's review of `import spend` as a finance newcomer would use it (SPEC "What an import promises",
/// "Money", "Spend"): rows of a day are summed in every format, a Meta export is Meta's spend, summed rows and a
/// contradicting `--currency` are refused in one line, and Yandex costs that read as kopecks are asked about.
struct ImportSpendReviewTests {
    /// The spend total of October in the report currency.
    private func octoberSpend(_ ws: Workspace) throws -> Decimal? {
        let roas = try jsonObject(
            try ws.succeed([
                "report", "roas", "--by", "campaign", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "json",
            ]).stdout)
        return jsonDecimal((roas["totals"] as? [String: Any])?["spend"])
    }

    /// A Google Ads export mapped with `--map` has a row per ad group: the day's rows are summed as a preset's are
    /// (the first was dropped with "skipped 1").
    @Test func aGenericFileSumsTheRowsOfADayAndCampaign() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = try ws.write(
                "gads.csv",
                text: "Day,Campaign,Ad group,Currency code,Cost\n2026-10-01,g_search,Brand,RUB,1234.56\n"
                    + "2026-10-01,g_search,Generic,RUB,765.44\n2026-10-02,g_search,Brand,RUB,10.00\n"
                    + "2026-10-01,g_display,Brand,RUB,5.00\n")
            let map = try ws.write(
                "gmap.json",
                text: #"{"fields":{"date":"Day","campaign":"Campaign","currency":"Currency code","amount":"Cost"}}"#)
            let counts = ImportCounts(try ws.importSummary(["import", "spend", file, "--map", map]))
            #expect(counts == ImportCounts(read: 4, imported: 3, skipped: 1), "\(counts)")
            #expect(try octoberSpend(ws) == Decimal(string: "2015.00"))
            #expect(try ws.count("spend") == 3)
            // Two platforms under one key in a generic file are two campaigns sharing a name: refused, not summed.
            let mixed = try ws.write(
                "mixed.csv",
                text: "date,campaign,amount,currency,platform\n2026-10-05,x,1,RUB,vk\n2026-10-05,x,2,RUB,yandex\n")
            try ws.refuse(["import", "spend", mixed], mentioning: "mixed.csv: data row 2", "on two platforms")
        }
    }

    /// A Meta export without a `Platform` column was stored with no platform, so it replaced a VK day of the same
    /// campaign and a Yandex row then replaced it: VK → Meta → Yandex lost two platforms' money with exit 0.
    @Test(arguments: StoreKind.allCases)
    func aMetaExportIsMetasSpendForTheOtherPlatforms(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            let vk = try ws.write(
                "vk.csv", text: "Дата;Кампания;Показы;Клики;Потрачено, ₽\n01.10.2026;black_friday;1000;10;2 205,45\n")
            try ws.succeed(["import", "spend", vk, "--preset", "vk-ads"])
            let meta = try ws.write(
                "meta.csv",
                text: "Reporting starts,Reporting ends,Campaign name,Amount spent (RUB)\n"
                    + "2026-10-01,2026-10-01,black_friday,700.00\n2026-10-02,2026-10-02,black_friday,300.00\n")
            try ws.refuse(
                ["import", "spend", meta, "--preset", "meta-ads"],
                mentioning: "Error: meta.csv: campaign 'black_friday' has vk spend on 2026-10-01; a facebook row would replace it")
            let metaLater = try ws.write(
                "meta2.csv",
                text: "Reporting starts,Reporting ends,Campaign name,Amount spent (RUB)\n"
                    + "2026-10-02,2026-10-02,black_friday,300.00\n")
            try ws.succeed(["import", "spend", metaLater, "--preset", "meta-ads"])
            let yandex = try ws.write(
                "yd.csv", text: "Дата;Кампания;Показы;Клики;Расход (руб.)\n02.10.2026;black_friday;10;1;500,00\n")
            try ws.refuse(
                ["import", "spend", yandex, "--preset", "yandex-direct"],
                mentioning: "campaign 'black_friday' has facebook spend on 2026-10-02; a yandex row would replace it")
            // Facebook and Instagram are one Meta account: a re-export with a Platform column replaces the day.
            let instagram = try ws.write(
                "meta3.csv",
                text: "Day,Campaign name,Platform,Amount spent (RUB)\n2026-10-02,black_friday,instagram,350.00\n")
            try ws.succeed(["import", "spend", instagram, "--preset", "meta-ads"])
            #expect(try octoberSpend(ws) == Decimal(string: "2555.45"))
        }
    }

    /// Two VK rows of one day each within the limit summed past it (`spend add` refuses the same amount typed).
    @Test func summedRowsBeyondTheLargestAmountAreRefused() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = try ws.write(
                "vk-huge.csv",
                text: "Дата;Кампания;Показы;Клики;Потрачено, ₽\n01.10.2026;vk_sale;10;1;9 999 999 999 999,99\n"
                    + "01.10.2026;VK_Sale;10;1;9 999 999 999 999,99\n")
            try ws.refuse(
                ["import", "spend", file, "--preset", "vk-ads"],
                mentioning: "vk-huge.csv: data row 2", "2026-10-01 'vk_sale'", "15 digits")
        }
    }

    /// `--currency` names the currency of a file that has none; one that contradicts the file was ignored.
    @Test func aCurrencyContradictingTheFileIsRefused() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let vk = try ws.write("vk.csv", text: "Дата;Кампания;Потрачено, ₽\n01.10.2026;black_friday;2 205,45\n")
            try ws.refuse(
                ["import", "spend", vk, "--preset", "vk-ads", "--currency", "USD"],
                mentioning: "vk.csv: line 1:", "column 'Потрачено, ₽' is in RUB, but --currency says USD")
            let meta = try ws.write("meta.csv", text: "Day,Campaign name,Amount spent (USD)\n2026-10-01,m,5.00\n")
            try ws.refuse(
                ["import", "spend", meta, "--preset", "meta-ads", "--currency", "EUR"],
                mentioning: "meta.csv: line 1:", "is in USD, but --currency says EUR")
            let generic = try ws.write("g.csv", text: "date,campaign,amount,currency\n2026-10-01,g,5.00,EUR\n")
            try ws.refuse(
                ["import", "spend", generic, "--currency", "USD"], mentioning: "g.csv: data row 1",
                "EUR, but --currency says USD")
            // The same currency given is fine.
            try ws.succeed(["import", "spend", vk, "--preset", "vk-ads", "--currency", "RUB"])
            try ws.succeed(["import", "spend", generic, "--currency", "EUR"])
        }
    }

    /// Whole-rouble costs that are multiples of 10,000 read as micros stored 0.01 RUB for 40 clicks with exit 0.
    @Test func yandexCostsThatReadAsKopecksAreAskedAbout() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = try ws.write(
                "yd.tsv",
                text: "Date\tCampaignName\tImpressions\tClicks\tCost\n2026-10-01\tyd_brand\t1000\t40\t10000\n"
                    + "2026-10-02\tyd_brand\t1000\t40\t20000\n")
            try ws.refuse(
                ["import", "spend", file, "--preset", "yandex-direct", "--currency", "RUB"],
                mentioning: "yd.tsv:", "'10000' is 0.01", "less than 0.01 each", "--money-in-micros yes or no")
            try ws.succeed([
                "import", "spend", file, "--preset", "yandex-direct", "--currency", "RUB", "--money-in-micros", "no",
            ])
            #expect(try octoberSpend(ws) == 30000)
            // Costs all 0 read the same both ways: not asked about.
            let free = try ws.write(
                "free.tsv", text: "Date\tCampaignName\tClicks\tCost\n2026-10-03\tyd_free\t5\t0\n")
            try ws.succeed(["import", "spend", free, "--preset", "yandex-direct", "--currency", "RUB"])
        }
    }

    /// A VK file's bad day said `(expected YYYY-MM-DD)`, a form the file does not write; with `--skip-invalid` a total
    /// row left unchecked (the rows kept cannot add up to it) was not said.
    @Test func aPresetsBadDateNamesItsFormAndAnUncheckedTotalIsSaid() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let bad = try ws.write("vk-date.csv", text: "Дата;Кампания;Потрачено, ₽\n31.09.2026;c1;100,00\n")
            try ws.refuse(
                ["import", "spend", bad, "--preset", "vk-ads"],
                mentioning: "vk-date.csv: data row 1", "'31.09.2026' (expected DD.MM.YYYY, a calendar day)")
            let skip = try ws.write(
                "vk-skip.csv",
                text: "Дата;Кампания;Потрачено, ₽\n01.10.2026;c1;100,00\n02.10.2026;c1;abc\nИтого;;200,00\n")
            let table = try ws.succeed(["import", "spend", skip, "--preset", "vk-ads", "--skip-invalid", "--dry-run"])
            #expect(
                table.stdout.contains(
                    "  note: the export's total row (data row 3) was not checked: 1 row was rejected"), "\(table)")
            let json = try ws.succeed(
                ["import", "spend", skip, "--preset", "vk-ads", "--skip-invalid", "--format", "json"])
            #expect(json.stderr.contains("warning: vk-skip.csv: the export's total row (data row 3) was not checked"))
        }
    }
}
