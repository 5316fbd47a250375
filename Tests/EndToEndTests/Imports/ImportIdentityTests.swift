import Foundation
import Testing

/// SPEC "Identity: from visitor to lead", "Duplicates" and "Order independence".
struct ImportIdentityTests {
    private static let october1 =
        #"{"id": "f-1", "submitted_at": "2026-10-01T10:00:00+03:00", "name": "Анна Петрова", "phone": "8 (916) 123-45-67", "visitor": "v-first", "page_url": "https://laska-studio.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=vk_autumn_sale"}"#
    private static let october11 =
        #"{"id": "f-2", "submitted_at": "2026-10-11T15:30:00+03:00", "name": "Аня", "phone": "+7 916 123 45 67", "visitor": "v-second"}"#
    private static let november10 =
        #"{"id": "f-3", "submitted_at": "2026-11-10T12:00:00+03:00", "name": "Анна", "phone": "79161234567", "email": "anna@example.com", "visitor": "v-third"}"#

    /// After the three submissions: two leads; the first has both October visitors and its own contacts; the second
    /// (40 days after the first) is a new lead that inherits the earlier lead's visitors.
    private func expectTwoLeadsOfOnePerson(_ ws: Workspace, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let leads = try ws.listing(["lead", "list"], sourceLocation: sourceLocation)
        #expect(leads.count == 2, "\(leads)", sourceLocation: sourceLocation)
        let first = try #require(
            leads.first { $0["created_at"] as? String == "2026-10-01T07:00:00Z" }, "\(leads)",
            sourceLocation: sourceLocation)
        let second = try #require(
            leads.first { $0["created_at"] as? String == "2026-11-10T09:00:00Z" }, "\(leads)",
            sourceLocation: sourceLocation)
        // A duplicate does not change the lead's contacts.
        #expect(first["name"] as? String == "Анна Петрова", sourceLocation: sourceLocation)
        #expect(first["phone"] as? String == "+79161234567", sourceLocation: sourceLocation)
        #expect(second["phone"] as? String == "+79161234567", sourceLocation: sourceLocation)
        #expect(second["email"] as? String == "anna@example.com", sourceLocation: sourceLocation)

        let firstShown = try ws.object(["lead", "show", String(try #require(jsonInt(first["id"])))])
        let firstVisitors = Set(firstShown["visitors"] as? [String] ?? [])
        #expect(firstVisitors == ["v-first", "v-second"], sourceLocation: sourceLocation)

        let secondShown = try ws.object(["lead", "show", String(try #require(jsonInt(second["id"])))])
        let secondVisitors = Set(secondShown["visitors"] as? [String] ?? [])
        #expect(secondVisitors.isSuperset(of: ["v-first", "v-second", "v-third"]), "\(secondVisitors)", sourceLocation: sourceLocation)
        // The first submission's touch (vk_autumn_sale) is on the new lead's journey too.
        let journey = secondShown["journey"] as? [[String: Any]] ?? []
        #expect(
            journey.contains { $0["visitor"] as? String == "v-first" && $0["utm_campaign"] as? String == "vk_autumn_sale" },
            "\(journey)", sourceLocation: sourceLocation)
    }

    @Test func aSecondRequestWithin30DaysIsADuplicateAndAfterThatANewLead() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            // Two of the three first, to see the duplicate on its own.
            let name = try ws.write("october.ndjson", lines: [Self.october1, Self.october11])
            let summary = try ws.importSummary(["import", "forms", name])
            #expect(ImportCounts(summary) == ImportCounts(read: 2, imported: 1, duplicates: 1))
            #expect(try ws.listing(["lead", "list"]).count == 1)

            let all = try ws.write("all.ndjson", lines: [Self.october1, Self.october11, Self.november10])
            let again = try ws.importSummary(["import", "forms", all])
            #expect(ImportCounts(again) == ImportCounts(read: 3, imported: 1, skipped: 2))
            try expectTwoLeadsOfOnePerson(ws)
        }
    }

    @Test func theSameRequestsInOneFileOutOfOrder() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            // A forms file is processed in submitted_at order, whatever its line order.
            let name = try ws.write("shuffled.ndjson", lines: [Self.november10, Self.october11, Self.october1])
            let summary = try ws.importSummary(["import", "forms", name])
            #expect(ImportCounts(summary) == ImportCounts(read: 3, imported: 2, duplicates: 1))
            try expectTwoLeadsOfOnePerson(ws)
        }
    }

    @Test func theSameRequestsInSeparateFilesImportedInTimeOrder() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let files = [
                ("one.ndjson", Self.october1, ImportCounts(read: 1, imported: 1)),
                ("two.ndjson", Self.october11, ImportCounts(read: 1, imported: 0, duplicates: 1)),
                ("three.ndjson", Self.november10, ImportCounts(read: 1, imported: 1)),
            ]
            for (name, line, expected) in files {
                let summary = try ws.importSummary(["import", "forms", try ws.write(name, lines: [line])])
                #expect(ImportCounts(summary) == expected, "\(name)")
                if name == "two.ndjson" { #expect(try ws.listing(["lead", "list"]).count == 1) }
            }
            try expectTwoLeadsOfOnePerson(ws)
        }
    }

    /// SPEC "Order independence": lead creation and duplicate detection follow the records' own times, so the
    /// same two files imported newest first give the same leads as oldest first.
    @Test func theSameRequestsInSeparateFilesImportedNewestFirst() throws {
        try Workspace.with { ws in
            var listings: [[[String: Any]]] = []
            for (database, order) in [("in-order.sqlite", [Self.october1, Self.october11]), ("reversed.sqlite", [Self.october11, Self.october1])] {
                try ws.succeed(["--db", database, "init"])
                for (index, line) in order.enumerated() {
                    try ws.succeed(["import", "forms", try ws.write("\(database)-\(index).ndjson", lines: [line]), "--db", database])
                }
                listings.append(try ws.listing(["lead", "list", "--db", database]))
            }
            // Ids aside (they follow arrival), the leads are the same: one, created at the first request, with its contacts.
            func comparable(_ leads: [[String: Any]]) -> [String] {
                leads.map { lead in
                    lead.filter { $0.key != "id" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
                }.sorted()
            }
            #expect(listings[0].count == 1)
            #expect(listings[1].count == 1, "the earlier request imported second became a second lead: \(listings[1])")
            #expect(comparable(listings[0]) == comparable(listings[1]))
        }
    }

    // MARK: - order independence

    @Test func samplesInTwoOrdersGiveTheSameLeadsDealsAndTouches() throws {
        try Workspace.with { ws in
            let clicks = ["import", "clicks", ImportSamples.path("clicks.ndjson")]
            let forms = ["import", "forms", ImportSamples.path("forms.json")]
            let deals = ["import", "deals", ImportSamples.path("deals.json")]
            let spend = ["import", "spend", ImportSamples.path("spend.csv")]
            var outputs: [(leads: String, deals: String, touches: Int, leadVisitors: Int, spend: Int)] = []
            for (database, order) in [("a.sqlite", [clicks, forms, deals, spend]), ("b.sqlite", [deals, spend, forms, clicks])]
            {
                try ws.succeed(["--db", database, "init"])
                for arguments in order { try ws.succeed(arguments + ["--db", database]) }
                let file = ws.path(database)
                outputs.append(
                    (
                        leads: try ws.succeed(["lead", "list", "--all", "--format", "json", "--db", database]).stdout,
                        deals: try ws.succeed(["deal", "list", "--format", "json", "--db", database]).stdout,
                        touches: try ImportDump.integer(file, "SELECT COUNT(*) FROM touch"),
                        leadVisitors: try ImportDump.integer(file, "SELECT COUNT(*) FROM lead_visitor"),
                        spend: try ImportDump.integer(file, "SELECT COUNT(*) FROM spend")
                    ))
            }
            let (a, b) = (outputs[0], outputs[1])
            #expect(try jsonArray(a.leads).count == 82)
            #expect(a.leads == b.leads, "lead list differs between import orders")
            #expect(try jsonArray(a.deals).count == 30)
            #expect(a.deals == b.deals, "deal list differs between import orders")
            #expect(a.touches > 417)
            #expect(a.touches == b.touches)
            #expect(a.leadVisitors == b.leadVisitors)
            #expect(a.spend == b.spend)
            if a.deals != b.deals {
                Issue.record(Comment(rawValue: firstDifference(a.deals, b.deals)))
            }
        }
    }
}
