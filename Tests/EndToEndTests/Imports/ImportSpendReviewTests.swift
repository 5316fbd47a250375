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
                mentioning: "campaign 'black_friday' has vk spend on 2026-10-01; a facebook row would replace it")
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
}
