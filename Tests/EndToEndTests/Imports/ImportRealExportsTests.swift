import Foundation
import Testing

/// Issue 16 and SPEC "What an import promises" / "Precise rules" (Spend), end to end: real platform export shapes
/// (our own fixtures in Tests/Fixtures/presets) import to exact stored figures, or are refused in one line naming the
/// file, the line and the reason, with the database unchanged.
struct ImportRealExportsTests {
    private func fixture(_ name: String) -> String {
        ImportSamples.repositoryRoot.appendingPathComponent("Tests/Fixtures/presets").appendingPathComponent(name).path
    }

    /// The campaign's stored spend as (amount, currency) per currency, and its spend days.
    private func spend(_ ws: Workspace, _ campaign: String) throws -> (totals: [String: Decimal], days: Int?) {
        let shown = try ws.object(["campaign", "show", campaign])
        var totals: [String: Decimal] = [:]
        for row in shown["spend"] as? [[String: Any]] ?? [] {
            if let currency = row["currency"] as? String { totals[currency] = jsonDecimal(row["amount"]) }
        }
        return (totals, jsonInt(shown["spend_days"]))
    }

    @Test func windows1251CSVIsRefusedAsUTF8AndReadWithEncoding() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = fixture("vk-ads-windows-1251.csv")
            try ws.refuse(
                ["import", "spend", file, "--preset", "vk-ads"], mentioning: "vk-ads-windows-1251.csv: line 1:",
                "not UTF-8", "byte offset 0", "--encoding windows-1251")
            let summary = try ws.importSummary(
                ["import", "spend", file, "--preset", "vk-ads", "--encoding", "windows-1251"])
            #expect(ImportCounts(summary) == ImportCounts(read: 3, imported: 3))
            // Two Cyrillic campaigns stay two keys (they collapsed into one key of U+FFFD before).
            let autumn = try spend(ws, "осень")
            #expect(autumn.totals == ["RUB": Decimal(string: "2500.49")!] && autumn.days == 2, "\(autumn)")
            let spring = try spend(ws, "весна")
            #expect(spring.totals == ["RUB": Decimal(string: "2000")!] && spring.days == 1, "\(spring)")
            let campaigns = try ws.listing(["campaign", "list"])
            #expect(Set(campaigns.compactMap { $0["key"] as? String }) == ["осень", "весна"])
        }
    }

    @Test(arguments: [
        ("utf16le.csv", [0xFF, 0xFE] + Array("d\0a\0t\0e\0".utf8), "UTF-16 LE"),
        ("utf16be.json", [0xFE, 0xFF] + Array("\0[\0]".utf8), "UTF-16 BE"),
        ("export.xlsx.csv", Array("PK".utf8) + [3, 4, 0, 0], "ZIP archive"),
    ] as [(String, [UInt8], String)])
    func textThatIsNotUTF8IsRefusedForWhatItIs(name: String, bytes: [UInt8], what: String) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.write(name, data: Data(bytes))
            try ws.refuse(["import", "spend", name], mentioning: name + ": ", what)
            try ws.refuse(["import", "clicks", name], mentioning: name + ": ", what)
        }
    }

    @Test func metaAdLevelExportSumsRowsOfADayAndCampaign() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let summary = try ws.importSummary(
                ["import", "spend", fixture("meta-ads-ad-level-idr.csv"), "--preset", "meta-ads"])
            // 7 rows: the total row, 3 days of campaigns, 3 rows summed into them.
            #expect(ImportCounts(summary) == ImportCounts(read: 7, imported: 3, skipped: 4))
            let autumn = try spend(ws, "autumn_sale")
            #expect(autumn.totals == ["IDR": 128_500] && autumn.days == 2, "\(autumn)")
            let winter = try spend(ws, "winter_promo")
            #expect(winter.totals == ["IDR": 5_000] && winter.days == 1, "\(winter)")
        }
    }

    @Test func metaTotalRowThatDisagreesIsRefused() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.refuse(
                ["import", "spend", fixture("meta-ads-total-mismatch.csv"), "--preset", "meta-ads"],
                mentioning: "meta-ads-total-mismatch.csv: data row 1, line 2:", "133500.00 IDR", "103000.00 IDR")
        }
    }

    @Test func metaAdSetLevelIsRefusedOrReadWithAMap() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = fixture("meta-ads-adset-level.csv")
            try ws.refuse(
                ["import", "spend", file, "--preset", "meta-ads"],
                mentioning: "meta-ads-adset-level.csv: line 1:", "ad set level", "Ad Set Name", "--map")
            let map = try ws.write("map.json", text: #"{"fields": {"campaign": "Ad Set Name"}}"#)
            let summary = try ws.importSummary(["import", "spend", file, "--preset", "meta-ads", "--map", map])
            #expect(ImportCounts(summary) == ImportCounts(read: 2, imported: 2))
            #expect(try spend(ws, "teachers_25_34").totals == ["USD": Decimal(string: "12.4")!])
        }
    }

    @Test func yandexCostsInCurrencyUnitsAreReadByTheFile() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let summary = try ws.importSummary(
                ["import", "spend", fixture("yandex-direct-decimal.tsv"), "--preset", "yandex-direct", "--currency", "RUB"])
            #expect(ImportCounts(summary) == ImportCounts(read: 3, imported: 3))
            // Cost 200 is 200 RUB (it was refused as 0.0002), 10000 is 10000 RUB (it was stored as 0.01).
            #expect(try spend(ws, "yandex_search_brand").totals == ["RUB": Decimal(string: "1434.56")!])
            #expect(try spend(ws, "yandex_rsya_autumn").totals == ["RUB": 10_000])
        }
    }

    @Test func yandexTotalRowsThatDisagreeAreRefused() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.refuse(
                [
                    "import", "spend", fixture("yandex-direct-total-rows-mismatch.tsv"), "--preset", "yandex-direct",
                    "--currency", "RUB",
                ], mentioning: "yandex-direct-total-rows-mismatch.tsv: line 5:", "Total rows: 3", "2 data rows")
        }
    }

    /// Yandex Direct's web interface report (Мастер отчётов): four title lines, `;`, `DD.MM.YYYY`, `1 172,45` in the
    /// header's roubles, an `Итого` row the rows must add up to. It was refused with the API's words.
    @Test func yandexDirectInterfaceReportImportsInItsHeadersCurrency() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "USD"])
            let file = fixture("yandex-direct-interface.csv")
            let summary = try ws.importSummary(["import", "spend", file, "--preset", "yandex-direct"])
            #expect(ImportCounts(summary) == ImportCounts(read: 4, imported: 3, skipped: 1))
            let brand = try spend(ws, "поиск бренд")
            #expect(brand.totals == ["RUB": Decimal(string: "2337.55")!] && brand.days == 2, "\(brand)")
            let network = try spend(ws, "рся осень")
            #expect(network.totals == ["RUB": Decimal(string: "854.2")!] && network.days == 1, "\(network)")
            // A total that the rows do not add up to: the file is refused.
            let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "3 191,75", with: "3 191,70")
            let edited = try ws.write("edited.csv", text: text)
            try ws.refuse(
                ["import", "spend", edited, "--preset", "yandex-direct"], mentioning: "edited.csv: data row 4, line 9:",
                "3191.70 RUB", "3191.75 RUB")
        }
    }

    @Test func aSpendFileWithNoRowsIsRefusedUnlessAllowed() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let name = try ws.write(
                "empty-meta.csv", lines: ["Reporting starts,Reporting ends,Campaign name,Amount spent (USD)"])
            try ws.refuse(
                ["import", "spend", name, "--preset", "meta-ads"],
                mentioning: "empty-meta.csv: the file has no rows of spend", "--allow-empty")
            let result = try ws.succeed(["import", "spend", name, "--preset", "meta-ads", "--allow-empty"])
            #expect(result.stderr.contains("warning: empty-meta.csv"), "\(result)")
        }
    }

    /// An empty file of clicks, forms or deals (0 bytes, blank lines, `[]`) is said to be empty, never "already
    /// imported": refused unless `--allow-empty`, which imports nothing and keeps no batch.
    @Test(arguments: [("clicks", "empty.ndjson", ""), ("forms", "blank.ndjson", " \n\n"), ("deals", "none.json", "[]\n")])
    func anEmptyFileIsRefusedUnlessAllowed(kind: String, name: String, text: String) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = try ws.write(name, text: text)
            try ws.refuse(["import", kind, file], mentioning: "\(name): the file has no records", "--allow-empty")
            let result = try ws.succeed(["import", kind, file, "--allow-empty"])
            #expect(result.stdout.hasPrefix("Nothing to import: \(name) has no records; no batch kept"), "\(result)")
            #expect(result.stderr == "warning: \(name): no records in the file (--allow-empty)\n", "\(result)")
            #expect(try ws.listing(["imports", "list"]).isEmpty)
        }
    }

    private func lead(_ ws: Workspace, email: String) throws -> [String: Any] {
        let leads = try ws.listing(["lead", "list"])
        let listed = try #require(leads.first { $0["email"] as? String == email }, "no lead \(email) in \(leads)")
        return try ws.object(["lead", "show", String(try #require(jsonInt(listed["id"])))])
    }

    @Test func metaLeadsCenterCSV() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = fixture("meta-leads-center.csv")
            try ws.refuse(["import", "forms", file], mentioning: "meta-leads-center.csv: line 1:", "--preset meta-lead-ads")
            let summary = try ws.importSummary(["import", "forms", file, "--preset", "meta-lead-ads"])
            // Meta's test lead is skipped and counted.
            #expect(ImportCounts(summary) == ImportCounts(read: 3, imported: 2, skipped: 1))
            let polina = try lead(ws, email: "polina.vorobyova@example.ru")
            #expect(polina["phone"] as? String == "+79172190040")  // "p:+79172190040"
            #expect(polina["external_id"] as? String == "7920042683327001")  // "l:7920042683327001"
            let touch = try #require((polina["journey"] as? [[String: Any]])?.first)
            #expect(touch["utm_source"] as? String == "instagram")
            #expect(touch["utm_campaign"] as? String == "ig_stories_oct")
            // The organic lead has no touch.
            #expect((try lead(ws, email: "oleg.sidorov@example.ru")["journey"] as? [[String: Any]])?.isEmpty != false)
        }
    }

    @Test func metaLeadsNestedUnderTheirForms() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let summary = try ws.importSummary(
                ["import", "forms", fixture("meta-lead-ads-nested.json"), "--preset", "meta-lead-ads"])
            #expect(ImportCounts(summary) == ImportCounts(read: 3, imported: 3))
            let ivan = try lead(ws, email: "ivan.kim@example.ru")
            let touch = try #require((ivan["journey"] as? [[String: Any]])?.first)
            #expect(touch["utm_source"] as? String == "facebook")
            #expect(touch["utm_campaign"] as? String == "fb_feed_oct")
        }
    }

    /// Issue 16, acceptance 3: the `.xlsx` LibreOffice made from the CSV fixture imports to the same database.
    @Test func xlsxWorkbookImportsExactlyAsItsCSV() throws {
        let dumps = try ["meta-ads-daily.csv", "meta-ads-daily.xlsx"].map { name in
            try Workspace.with { ws in
                try ws.succeed(["init"])
                let summary = try ws.importSummary(["import", "spend", fixture(name), "--preset", "meta-ads"])
                #expect(ImportCounts(summary) == ImportCounts(read: 5, imported: 4, skipped: 1), "\(name)")
                #expect(try spend(ws, "ig_stories_oct").totals == ["USD": Decimal(string: "22.84")!], "\(name)")
                return try ws.dump(excluding: ["import_batch", "schema_migration", "campaign"])
            }
        }
        expectSameDump(dumps[0], dumps[1], "the .xlsx imported differently from its CSV")
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.refuse(
                ["import", "spend", fixture("meta-ads-daily.xlsx"), "--preset", "meta-ads", "--sheet", "Sheet9"],
                mentioning: "meta-ads-daily.xlsx: the workbook has no sheet 'Sheet9'")
            // Clicks read a CRM's workbook now: a spend export is named for what it is.
            try ws.refuse(
                ["import", "clicks", fixture("meta-ads-daily.xlsx")],
                mentioning: "meta-ads-daily.xlsx: line 1: no column gives 'at'", "leadtrail import spend FILE --preset meta-ads")
        }
    }

    @Test func tildaRawFormBodies() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let summary = try ws.importSummary(["import", "forms", fixture("tilda-urlencoded.txt"), "--preset", "tilda"])
            #expect(ImportCounts(summary) == ImportCounts(read: 3, imported: 2, skipped: 1))
            let anna = try lead(ws, email: "anna.belova@example.ru")
            #expect(anna["name"] as? String == "Анна Белова")
            #expect(anna["phone"] as? String == "+79165550102")
        }
    }
}
