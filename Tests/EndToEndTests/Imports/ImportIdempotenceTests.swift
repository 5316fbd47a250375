import Foundation
import Testing

/// SPEC "What an import promises": importing the same file twice changes nothing; a changed record (same id) is an
/// update; `--dry-run` validates and reports without writing.
struct ImportIdempotenceTests {
    private static let sampleImports: [[String]] = [
        ["import", "clicks", ImportSamples.path("clicks.ndjson")],
        ["import", "forms", ImportSamples.path("forms.json")],
        ["import", "deals", ImportSamples.path("deals.json")],
        ["import", "spend", ImportSamples.path("spend.csv")],
    ]

    @Test func reimportingTheSameFilesChangesNothing() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            var first: [ImportCounts] = []
            for arguments in Self.sampleImports {
                let counts = ImportCounts(try ws.importSummary(arguments))
                #expect(counts.addsUp, "\(arguments): \(counts)")
                #expect(counts.imported > 0, "\(arguments): \(counts)")
                first.append(counts)
            }
            let before = try ws.dump(excluding: ["import_batch"])
            let leads = try ws.succeed(["lead", "list", "--format", "json"]).stdout
            let deals = try ws.succeed(["deal", "list", "--format", "json"]).stdout

            for (arguments, earlier) in zip(Self.sampleImports, first) {
                let summary = try ws.importSummary(arguments)
                let counts = ImportCounts(summary)
                #expect(
                    counts == ImportCounts(read: earlier.read, imported: 0, skipped: earlier.read),
                    "second import of \(arguments.last!): \(counts)")
                #expect(summary["dry_run"] as? Bool == false)
                // A file that changes nothing keeps no batch (SPEC "Cheap to repeat").
                #expect(summary["batch"] is NSNull, "second import of \(arguments.last!): \(summary)")
            }
            expectSameDump(
                before, try ws.dump(excluding: ["import_batch"]), "a second import of the same files changed data")
            #expect(try ws.succeed(["lead", "list", "--format", "json"]).stdout == leads)
            #expect(try ws.succeed(["deal", "list", "--format", "json"]).stdout == deals)
            #expect(try ws.count("import_batch") == 4)
        }
    }

    @Test func aChangedRecordIsCountedAsUpdatedAndTheChangeIsVisible() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed([
                "import", "forms",
                ws.write(
                    "forms.ndjson",
                    lines: [
                        #"{"id": "f-1", "submitted_at": "2026-10-01T10:00:00Z", "name": "Анна", "phone": "8 (916) 123-45-67"}"#
                    ]),
            ])
            let deal1 =
                #"{"id": "d-1", "lead": {"phone": "+79161234567"}, "amount": "1500.00", "currency": "RUB", "created_at": "2026-10-02T10:00:00Z"}"#
            let deal2 =
                #"{"id": "d-2", "lead": {"phone": "+79161234567"}, "amount": 700, "currency": "RUB", "created_at": "2026-10-03T10:00:00Z"}"#
            let first = try ws.importSummary(["import", "deals", ws.write("deals-v1.ndjson", lines: [deal1, deal2])])
            #expect(ImportCounts(first) == ImportCounts(read: 2, imported: 2))

            let changed =
                #"{"id": "d-1", "lead": {"phone": "+79161234567"}, "amount": "1800.50", "currency": "RUB", "created_at": "2026-10-02T10:00:00Z", "status": "won", "closed_at": "2026-10-04T12:00:00Z"}"#
            let second = try ws.importSummary([
                "import", "deals", ws.write("deals-v2.ndjson", lines: [changed, deal2]),
            ])
            #expect(ImportCounts(second) == ImportCounts(read: 2, imported: 0, updated: 1, skipped: 1))

            let deals = try ws.listing(["deal", "list"])
            #expect(deals.count == 2)
            let d1 = try #require(deals.first { $0["external_id"] as? String == "d-1" })
            #expect(jsonDecimal(d1["amount"]) == Decimal(string: "1800.50"))
            #expect(d1["status"] as? String == "won")
            #expect(jsonInt(d1["lead"]) == 1)
            let d2 = try #require(deals.first { $0["external_id"] as? String == "d-2" })
            #expect(jsonDecimal(d2["amount"]) == 700)

            // A changed spend row too.
            try ws.succeed([
                "import", "spend",
                ws.write(
                    "spend-1.csv", lines: ["date,campaign,amount,currency", "2026-10-01,vk_autumn_sale,100.00,RUB"]),
            ])
            let spend = try ws.importSummary([
                "import", "spend",
                ws.write(
                    "spend-2.csv", lines: ["date,campaign,amount,currency", "2026-10-01,vk_autumn_sale,150.00,RUB"]),
            ])
            #expect(ImportCounts(spend) == ImportCounts(read: 1, imported: 0, updated: 1))
            let campaign = try ws.object(["campaign", "show", "vk_autumn_sale"])
            let total = (campaign["spend"] as? [[String: Any]])?.first
            #expect(jsonDecimal(total?["amount"]) == 150)
        }
    }

    @Test func dryRunWritesNothing() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["import", "clicks", ws.write("clicks.ndjson", lines: threeGoodClicks)])
            let before = try DatabaseDump.of(ws.defaultDatabase)

            let forms = ImportSamples.path("forms.json")
            let summary = try ws.importSummary(["import", "forms", forms, "--dry-run"])
            #expect(summary["dry_run"] as? Bool == true)
            let counts = ImportCounts(summary)
            #expect(counts.read == 83, "\(counts)")
            #expect(counts.imported > 0 && counts.addsUp, "\(counts)")
            expectSameDump(before, try DatabaseDump.of(ws.defaultDatabase), "--dry-run wrote to the database")

            // The dry run predicts what the real import then does.
            let real = ImportCounts(try ws.importSummary(["import", "forms", forms]))
            #expect(real == counts)

            // And a dry run of a file already imported predicts all skipped, still writing nothing.
            let afterReal = try DatabaseDump.of(ws.defaultDatabase)
            let again = try ws.importSummary(["import", "clicks", "clicks.ndjson", "--dry-run"])
            #expect(again["dry_run"] as? Bool == true)
            #expect(ImportCounts(again) == ImportCounts(read: 3, imported: 0, skipped: 3))
            let spendDry = try ws.importSummary(["import", "spend", ImportSamples.path("spend.csv"), "--dry-run"])
            #expect(ImportCounts(spendDry).imported == 319)
            expectSameDump(afterReal, try DatabaseDump.of(ws.defaultDatabase), "--dry-run wrote to the database")
        }
    }

    /// SPEC "Spend": keyed by (date, normalised campaign), the rows of a day in a file are summed (session 24: in a
    /// generic file too, as in a preset's); Russian-locale amounts in CSV.
    @Test func spendRowsOfADayAreSummedAndRussianAmountsAreRead() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let name = try ws.write(
                "spend.csv",
                text: "date,campaign,amount,currency,platform\n"
                    + "2026-10-01,VK_Autumn_Sale,\"1 234,50\",RUB,vk\n"
                    + "2026-10-02,vk_autumn_sale,\"2\u{00A0}000,05\",RUB,vk\n"
                    + "2026-10-01, vk_autumn_sale ,100.25,RUB,vk\n")
            let counts = ImportCounts(try ws.importSummary(["import", "spend", name]))
            #expect(counts.read == 3 && counts.addsUp, "\(counts)")
            #expect(try ws.count("spend") == 2)
            let campaign = try ws.object(["campaign", "show", "vk_autumn_sale"])
            #expect(
                jsonDecimal((campaign["spend"] as? [[String: Any]])?.first?["amount"]) == Decimal(string: "3334.80"))
            #expect(jsonInt(campaign["spend_days"]) == 2)
        }
    }
}
