import Foundation
import Testing

/// Acceptance: a sales rep's day, end to end against the built binary.
@Suite("A sales rep's day")
struct SalesRepDayTests {
    @Test func logsALeadMovesItThroughThePipelineAndWinsTheDeal() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            #expect(ws.exists("leadtrail.sqlite"))

            let added = try ws.succeed([
                "lead", "add", "--name", "Анна Петрова", "--phone", "8 (916) 123-45-67",
                "--at", "2026-10-01T10:00:00+03:00",
            ])
            #expect(added.stdout.contains("1"), "\(added)")

            // The lead is listed with its phone in E.164 and its Cyrillic name intact.
            let leads = try jsonArray(try ws.succeed(["lead", "list", "--format", "json"]).stdout)
            try #require(leads.count == 1)
            #expect(jsonInt(leads[0]["id"]) == 1)
            #expect(leads[0]["phone"] as? String == "+79161234567")
            #expect(leads[0]["name"] as? String == "Анна Петрова")
            #expect(leads[0]["stage"] as? String == "new")

            try ws.succeed(["lead", "stage", "1", "contacted", "--at", "2026-10-01T10:25:00+03:00"])
            try ws.succeed(["lead", "stage", "1", "qualified", "--at", "2026-10-01T11:00:00+03:00"])
            try ws.succeed(["lead", "stage", "1", "opportunity", "--at", "2026-10-01T12:00:00+03:00"])
            try ws.succeed(["deal", "add", "1", "12500.00", "RUB", "--at", "2026-10-01T12:30:00+03:00"])
            try ws.succeed(["deal", "won", "1", "--at", "2026-10-02T10:00:00+03:00"])

            let deals = try jsonArray(try ws.succeed(["deal", "list", "--format", "json"]).stdout)
            try #require(deals.count == 1)
            #expect(jsonDecimal(deals[0]["amount"]) == Decimal(string: "12500.00"))
            #expect(deals[0]["currency"] as? String == "RUB")
            #expect(deals[0]["status"] as? String == "won")
            #expect(jsonInt(deals[0]["lead"]) == 1)

            // The table view: every stage of the history, and the first response 25 minutes after creation.
            let show = try ws.succeed(["lead", "show", "1"])
            #expect(show.stdout.contains("Анна Петрова"))
            #expect(show.stdout.contains("+79161234567"))
            #expect(show.stdout.contains("25m"), "first-response time missing:\n\(show.stdout)")
            let historyStart = try #require(show.stdoutLines.firstIndex { $0.contains("Stage history") })
            let historyRows = show.stdoutLines[(historyStart + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            let stagesShown = historyRows.compactMap { row in
                row.split(separator: " ").last { ["new", "contacted", "qualified", "opportunity", "won"].contains(String($0)) }
                    .map(String.init)
            }
            #expect(stagesShown == ["new", "contacted", "qualified", "opportunity", "won"], "\(show.stdout)")

            // The JSON view: first response in seconds, the history in order.
            let detail = try jsonObject(try ws.succeed(["lead", "show", "1", "--format", "json"]).stdout)
            #expect(jsonInt(detail["first_response_seconds"]) == 1500)
            #expect(detail["stage"] as? String == "won")
            let history = try #require(detail["history"] as? [[String: Any]])
            #expect(history.map { $0["to"] as? String } == ["new", "contacted", "qualified", "opportunity", "won"])
            #expect(history.map { $0["from"] as? String } == [nil, "new", "contacted", "qualified", "opportunity"])
            let times = history.compactMap { $0["at"] as? String }
            #expect(times.count == 5)
            #expect(times.first == "2026-10-01T07:00:00Z")
            #expect(times.dropFirst().first == "2026-10-01T07:25:00Z")
        }
    }

    @Test func csvListingHasAHeaderAndTheRow() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["lead", "add", "--name", "Анна Петрова", "--phone", "8 (916) 123-45-67"])
            let csv = try ws.succeed(["lead", "list", "--format", "csv"])
            let lines = csv.stdoutLines
            try #require(lines.count == 2, "\(csv)")
            let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(Array(header.prefix(4)) == ["id", "created_at (UTC)", "name", "phone"], "\(csv)")
            let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(row.count == header.count)
            let field = Dictionary(uniqueKeysWithValues: zip(header, row))
            #expect(field["id"] == "1")
            #expect(field["name"] == "Анна Петрова")
            #expect(field["phone"] == "+79161234567")
            #expect(field["stage"] == "new")
        }
    }

    @Test func tableColumnsAlignWithCyrillicNames() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let people = [
                ("Анна Петрова", "8 (916) 123-45-67"),
                ("Bob", "+1 212 555 0123"),
                ("Ёлка Константинопольская", "9031112233"),
            ]
            for (name, phone) in people { try ws.succeed(["lead", "add", "--name", name, "--phone", phone]) }
            let table = try ws.succeed(["lead", "list", "--format", "table"])
            let lines = table.stdoutLines
            try #require(lines.count == 2 + people.count, "\(table)")
            let header = lines[0]
            let rule = lines[1]
            // The rule under the header starts a run of ─ where each column name starts.
            #expect(TableLayout.runStarts(rule) == TableLayout.runStarts(header), "\(table)")

            let nameColumn = try #require(TableLayout.offset(of: "name", in: header))
            let phoneColumn = try #require(TableLayout.offset(of: "phone", in: header))
            let stageColumn = try #require(TableLayout.offset(of: "stage", in: header))
            let expectedPhones = ["+79161234567", "+12125550123", "+79031112233"]
            // Newest first: the last lead added is the first row.
            for (index, (name, _)) in people.enumerated() {
                let line = lines[1 + people.count - index]
                #expect(TableLayout.offset(of: name, in: line) == nameColumn, "name misaligned:\n\(table.stdout)")
                #expect(
                    TableLayout.offset(of: expectedPhones[index], in: line) == phoneColumn,
                    "phone misaligned:\n\(table.stdout)")
                #expect(TableLayout.offset(of: "new", in: line) == stageColumn, "stage misaligned:\n\(table.stdout)")
            }
        }
    }
}
