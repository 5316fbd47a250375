import Foundation
import Testing

/// SPEC "What an import promises": `imports undo BATCH` removes exactly what the batch added and restores the rows
/// it replaced; the batch itself stays in `import_batch` as history, with `undone_at`.
struct ImportUndoTests {
    /// The batches themselves and the highest lead and deal numbers ever given (`id_high_water`): history an undo
    /// keeps, so that a number is never given twice.
    static let history: Set<String> = ["import_batch", "id_high_water"]

    @Test func undoingEachBatchReturnsToTheExactStateBeforeIt() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["lead", "add", "--name", "Ольга", "--email", "olga@example.com", "--utm-source", "vk"])
            let imports: [[String]] = [
                ["import", "clicks", ImportSamples.path("clicks.ndjson")],
                ["import", "forms", ImportSamples.path("forms.json")],
                ["import", "deals", ImportSamples.path("deals.json")],
                ["import", "spend", ImportSamples.path("spend.csv")],
            ]
            var states: [String] = []
            var batches: [Int] = []
            for arguments in imports {
                states.append(try ws.dump(excluding: Self.history))
                let summary = try ws.importSummary(arguments)
                batches.append(try #require(jsonInt(summary["batch"])))
                #expect(try ws.dump(excluding: Self.history) != states.last, "\(arguments) changed nothing")
            }
            for (batch, before) in zip(batches, states).reversed() {
                let result = try ws.succeed(["imports", "undo", String(batch)])
                #expect(result.stdout.contains("\(batch)"))
                let after = try ws.dump(excluding: Self.history)
                expectSameDump(before, after, "undo of batch \(batch) did not restore the state before it")
            }
            // The batches stay as history, each marked undone.
            let listed = try ws.listing(["imports", "list"])
            #expect(listed.count == 4)
            #expect(listed.allSatisfy { $0["undone_at"] is String }, "\(listed)")
            // Undoing twice is refused and changes nothing.
            try ws.refuse(["imports", "undo", String(batches[0])], mentioning: "\(batches[0])")
            try ws.refuse(["imports", "undo", "999"], mentioning: "999")
        }
    }

    @Test func undoingASpendBatchRestoresTheRowsItReplaced() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let a = try ws.write(
                "spend-a.csv",
                lines: [
                    "date,campaign,amount,currency,platform,impressions,reach,clicks,engagements",
                    "2026-10-01,vk_autumn_sale,2267.74,RUB,vk,10524,7850,91,115",
                    "2026-10-02,vk_autumn_sale,2151.32,RUB,vk,9223,6225,100,80",
                    "2026-10-03,vk_autumn_sale,1413.06,RUB,vk,6166,4338,41,30",
                    "2026-10-01,ig_stories_oct,11.06,USD,instagram,2707,1960,23,55",
                ])
            let batchA = try #require(jsonInt(try ws.importSummary(["import", "spend", a])["batch"]))
            let stateA = try ws.dump(excluding: ["import_batch"])
            let spendA = try ws.object(["campaign", "show", "vk_autumn_sale"])

            // B replaces two of A's days with other amounts, adds a new day and a new campaign.
            let b = try ws.write(
                "spend-b.json",
                text: """
                    [
                      {"date": "2026-10-02", "campaign": "VK_Autumn_Sale", "amount": "3000.00", "currency": "RUB", "platform": "vk", "impressions": 12000},
                      {"date": "2026-10-03", "campaign": "vk_autumn_sale", "amount": 999.99, "currency": "RUB", "platform": "vk"},
                      {"date": "2026-10-04", "campaign": "vk_autumn_sale", "amount": "1000", "currency": "RUB", "platform": "vk"},
                      {"date": "2026-10-04", "campaign": "tg_channel_promo", "amount": "500", "currency": "RUB", "platform": "telegram"}
                    ]
                    """)
            let summaryB = try ws.importSummary(["import", "spend", b])
            #expect(ImportCounts(summaryB) == ImportCounts(read: 4, imported: 2, updated: 2))
            let batchB = try #require(jsonInt(summaryB["batch"]))
            let replaced = try ws.object(["campaign", "show", "vk_autumn_sale"])
            #expect(jsonDecimal((replaced["spend"] as? [[String: Any]])?.first?["amount"]) == Decimal(string: "7267.73"))

            try ws.succeed(["imports", "undo", String(batchB)])
            let after = try ws.dump(excluding: ["import_batch"])
            expectSameDump(stateA, after, "undo of spend batch B did not restore A's rows")
            let restored = try ws.object(["campaign", "show", "vk_autumn_sale"])
            #expect(jsonDecimal((restored["spend"] as? [[String: Any]])?.first?["amount"]) == Decimal(string: "5832.12"))
            #expect(
                (restored["spend"] as? [[String: Any]])?.first.map { jsonDecimal($0["amount"]) }
                    == (spendA["spend"] as? [[String: Any]])?.first.map { jsonDecimal($0["amount"]) })
            // The campaign B created is gone with it.
            #expect(try ws.listing(["campaign", "list"]).contains { $0["key"] as? String == "tg_channel_promo" } == false)

            // Undoing A as well leaves no spend at all.
            try ws.succeed(["imports", "undo", String(batchA)])
            #expect(try ws.count("spend") == 0)
        }
    }

    @Test func undoingAFormsBatchUnlinksItsDealsAndReimportingLinksThemAgain() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let forms = try #require(
                jsonInt(try ws.importSummary(["import", "forms", ImportSamples.path("forms.json")])["batch"]))
            try ws.succeed(["import", "deals", ImportSamples.path("deals.json")])

            let linked = try dealOwners(ws)
            #expect(linked.count == 30)
            #expect(linked.values.filter { $0 != nil }.count >= 25, "most sample deals name a known lead: \(linked)")

            try ws.succeed(["imports", "undo", String(forms)])
            #expect(try ws.listing(["lead", "list"]).isEmpty)
            let deals = try ws.listing(["deal", "list"])
            #expect(deals.count == 30, "the deals batch was not undone, its deals stay")
            #expect(deals.allSatisfy { $0["lead"] is NSNull }, "deals still linked after their leads were undone")

            try ws.succeed(["import", "forms", ImportSamples.path("forms.json")])
            #expect(try dealOwners(ws) == linked, "re-importing the forms did not link the deals as before")
        }
    }

    @Test func undoingADuplicateRestoresTheEarlierLead() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed([
                "import", "forms",
                ws.write(
                    "october-1.ndjson",
                    lines: [
                        #"{"id": "f-1", "submitted_at": "2026-10-01T10:00:00Z", "name": "Анна", "phone": "8 (916) 123-45-67", "visitor": "v-a", "page_url": "https://laska-studio.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=vk_autumn_sale"}"#
                    ]),
            ])
            let before = try ws.dump(excluding: Self.history)
            let second = try ws.importSummary([
                "import", "forms",
                ws.write(
                    "october-11.ndjson",
                    lines: [
                        #"{"id": "f-2", "submitted_at": "2026-10-11T10:00:00Z", "name": "Анна П.", "phone": "+7 916 123 45 67", "visitor": "v-b", "utm_source": "telegram", "utm_medium": "social", "utm_campaign": "tg_channel_promo"}"#,
                        #"{"id": "f-3", "submitted_at": "2026-10-12T10:00:00Z", "name": "Олег", "email": "oleg@example.com", "visitor": "v-c"}"#,
                    ]),
            ])
            #expect(ImportCounts(second) == ImportCounts(read: 2, imported: 1, duplicates: 1))
            let lead = try ws.object(["lead", "show", "1"])
            #expect((lead["visitors"] as? [String])?.contains("v-b") == true)

            try ws.succeed(["imports", "undo", String(try #require(jsonInt(second["batch"])))])
            let after = try ws.dump(excluding: Self.history)
            expectSameDump(before, after, "undo of the duplicate's batch did not restore the earlier lead")
            #expect(try ws.object(["lead", "show", "1"])["visitors"] as? [String] == ["v-a"])
        }
    }

    /// Each deal's external id → the contacts of the lead it is linked to (nil when unlinked), independent of ids.
    private func dealOwners(_ ws: Workspace) throws -> [String: String?] {
        var contacts: [Int: String] = [:]
        for lead in try ws.listing(["lead", "list", "--all"]) {
            guard let id = jsonInt(lead["id"]) else { continue }
            contacts[id] = "\(lead["email"] as? String ?? "-") \(lead["phone"] as? String ?? "-")"
        }
        var owners: [String: String?] = [:]
        for deal in try ws.listing(["deal", "list"]) {
            let key = deal["external_id"] as? String ?? "?"
            owners[key] = jsonInt(deal["lead"]).map { contacts[$0] ?? "lead \($0) not listed" }
        }
        return owners
    }
}

/// Where two dumps differ: for each differing section (schema or table), its first differing line.
func firstDifference(_ expected: String, _ actual: String) -> String {
    func sections(_ dump: String) -> [(String, [Substring])] {
        var out: [(String, [Substring])] = []
        for line in dump.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- ") || out.isEmpty {
                let name = line.hasPrefix("-- table ") ? String(line.dropFirst(9).prefix { $0 != " " }) : String(line)
                out.append((name, [line]))
            } else {
                out[out.count - 1].1.append(line)
            }
        }
        return out
    }
    let left = Dictionary(sections(expected), uniquingKeysWith: { a, _ in a })
    let right = Dictionary(sections(actual), uniquingKeysWith: { a, _ in a })
    var report: [String] = []
    for name in Set(left.keys).union(right.keys).sorted() {
        let a = left[name] ?? [], b = right[name] ?? []
        guard a != b else { continue }
        let index = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        report.append(
            "[\(name)] expected: \(index < a.count ? String(a[index]) : "<end>")\n"
                + "      actual:   \(index < b.count ? String(b[index]) : "<end>")")
    }
    return report.isEmpty ? "no difference" : report.joined(separator: "\n")
}
