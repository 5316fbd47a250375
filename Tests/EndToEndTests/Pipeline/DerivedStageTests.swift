import Foundation
import Testing

/// Issue 14: a lead's stage follows its deals whatever the import order — derived when read — so `lead list
/// --stage won`, `report funnel`, `report speed` and the demo agree.
@Suite("Stage derived from deals")
struct DerivedStageTests {
    /// The won leads as `lead list` shows them, the funnel's won total and the speed report's won leads.
    static func wonEverywhere(_ ws: Workspace, database: String) throws -> (
        listed: Set<String>, funnel: Decimal?, speed: Decimal?
    ) {
        let won = try ws.listing(["lead", "list", "--stage", "won", "--all", "--db", database])
        let listed = Set(won.map { "\($0["phone"] as? String ?? "-") \($0["email"] as? String ?? "-")" })
        let funnel = try ws.reportObject("funnel", database: database)
        let speed = try ws.reportObject("speed", database: database)
        return (listed, figure(funnel, "totals", "won"), figure(speed, "lead_to_won", "leads"))
    }

    @Test(arguments: StoreKind.allCases) func importsInBothOrdersAgreeWithTheWonDeals(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            // On PostgreSQL the second order goes into a second database of the test server.
            let second = try ws.postgres.map { _ in try PostgresTestServer.createDatabase() }
            defer { second?.drop() }
            let orders = [
                (
                    ws.postgres?.url ?? "forms-first.sqlite", ["clicks.ndjson": "clicks", "forms.json": "forms", "deals.json": "deals"],
                    ["clicks.ndjson", "forms.json", "deals.json"]
                ),
                (
                    second?.url ?? "deals-first.sqlite", ["clicks.ndjson": "clicks", "forms.json": "forms", "deals.json": "deals"],
                    ["deals.json", "forms.json", "clicks.ndjson"]
                ),
            ]
            var results: [(listed: Set<String>, funnel: Decimal?, speed: Decimal?)] = []
            for (database, kinds, files) in orders {
                try ws.initSampleDatabase(database)
                for file in files { try ws.importFile(kinds[file] ?? "", ImportSamples.path(file), into: database) }
                let result = try Self.wonEverywhere(ws, database: database)
                // Every lead with a won deal is won: the deals name their leads, so count the leads they reach.
                let deals = try ws.listing(["deal", "list", "--status", "won", "--db", database])
                let wonLeads = Set(deals.compactMap { jsonInt($0["lead"]) })
                #expect(
                    result.listed.count == wonLeads.count,
                    "\(database): \(result.listed.count) listed won, \(wonLeads.count) leads with a won deal")
                #expect(
                    result.funnel == Decimal(wonLeads.count),
                    "\(database): funnel won \(String(describing: result.funnel))")
                #expect(
                    result.speed == Decimal(wonLeads.count),
                    "\(database): speed won \(String(describing: result.speed))")
                let lost = try ws.listing(["lead", "list", "--stage", "lost", "--all", "--db", database])
                #expect(!lost.isEmpty, "\(database): the samples' all-lost leads are lost")
                results.append(result)
            }
            #expect(results[0].listed == results[1].listed, "the import order changed which leads are won")
            #expect(!results[0].listed.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases) func theDemoShowsEveryStageAndItsReportsAgree(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            let database = try ws.demoDatabase()
            let leads = try ws.listing(["lead", "list", "--all", "--db", database])
            let stages = Set(leads.compactMap { $0["stage"] as? String })
            #expect(stages == ["new", "contacted", "qualified", "opportunity", "won", "lost", "junk"], "\(stages)")
            let result = try Self.wonEverywhere(ws, database: database)
            let deals = try ws.listing(["deal", "list", "--status", "won", "--db", database])
            let wonLeads = Set(deals.compactMap { jsonInt($0["lead"]) })
            #expect(result.listed.count == wonLeads.count)
            #expect(result.funnel == Decimal(wonLeads.count))
            #expect(result.speed == Decimal(wonLeads.count))
            // The reps' first responses make speed-to-lead a figure, not a dash.
            let speed = try ws.reportObject("speed", database: database)
            #expect(figure(speed, "totals", "median_response_seconds") != nil, "\(speed)")
            #expect((figure(speed, "totals", "responded") ?? 0) > 20, "\(speed)")
            // The demo's one correction is in its lead's history.
            let corrected = try #require(leads.first { ($0["phone"] as? String) == "+79161754297" })
            let detail = try ws.object(["lead", "show", String(jsonInt(corrected["id"]) ?? 0), "--db", database])
            let kinds = (detail["history"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds.contains("correction"), "\(detail)")
        }
    }

    /// `deal won` and `deal lost` say where the lead stands after them, as `deal reopen` does — above all when it
    /// did not follow the deal because a later move by hand wins, and how to move it.
    /// A returning customer: a CRM export brings a deal won in November before the lead is logged in December.
    /// `report speed` leaves that lead out of lead → won and says so; it never prints a negative time.
    @Test func aLeadWonBeforeItWasLoggedMeasuresNoSpeed() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--timezone", "Europe/Moscow"])
            let deals = try ws.write(
                "old-deal.json",
                text: #"[{"id":"amo-28410560","lead":{"phone":"8 (917) 222-33-44"},"amount":"3500.00","currency":"RUB","#
                    + #""created_at":"2026-11-20T09:00:00+03:00","status":"won","closed_at":"2026-11-21T10:00:00+03:00"}]"#)
            try ws.succeed(["import", "deals", deals])
            try ws.succeed(["lead", "add", "--phone", "+7 917 222 33 44", "--at", "2026-12-06T12:00:00+03:00"])
            try ws.succeed(["lead", "add", "--phone", "8 916 000 11 22", "--at", "2026-12-01T12:00:00+03:00"])
            try ws.succeed(["deal", "add", "2", "1000", "--at", "2026-12-01T13:00:00+03:00"])
            try ws.succeed(["deal", "won", "2", "--at", "2026-12-03T13:00:00+03:00"])
            let arguments = ["report", "speed", "--from", "2026-12-01", "--to", "2026-12-06"]
            let table = try ws.succeed(arguments)
            #expect(
                table.stdout.contains("lead → won:   median 2d 1h over 1 lead (1 won before it was logged, left out)"),
                "\(table)")
            #expect(!table.stdout.contains("median -"), "\(table)")
            let json = try jsonObject(try ws.succeed(arguments + ["--format", "json"]).stdout)
            #expect(figure(json, "lead_to_won", "leads") == 1)
            #expect(figure(json, "lead_to_won", "median_seconds") == 176_400)
            #expect(figure(json, "lead_to_won", "won_before_logged") == 1)
        }
    }

    @Test func closingADealSaysWhereItsLeadStands() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--timezone", "Europe/Moscow"])
            try ws.succeed(["lead", "add", "--phone", "89161234567", "--at", "2026-11-01T10:00:00+03:00"])
            try ws.succeed(["lead", "stage", "1", "lost", "--at", "2026-11-10T12:00:00+03:00"])
            try ws.succeed(["deal", "add", "1", "50000", "--at", "2026-11-05T10:00:00+03:00"])
            let won = try ws.succeed(["deal", "won", "1", "--at", "2026-11-08T10:00:00+03:00"])
            #expect(
                won.stdout == "Deal 1 won: 50000.00 RUB; lead 1 stays lost: a later move by hand (2026-11-10 12:00) "
                    + "wins; move it with 'leadtrail lead stage 1 won --correct'\n", "\(won)")
            try ws.succeed(["lead", "stage", "1", "won", "--correct"])
            #expect(try ws.succeed(["lead", "show", "1", "--format", "json"]).stdout.contains(#""stage": "won""#))

            try ws.succeed(["lead", "add", "--phone", "89031112233", "--at", "2026-11-01T10:00:00+03:00"])
            try ws.succeed(["deal", "add", "2", "100", "--at", "2026-11-02T10:00:00+03:00"])
            try ws.succeed(["deal", "add", "2", "200", "--at", "2026-11-02T11:00:00+03:00"])
            let first = try ws.succeed(["deal", "lost", "2", "--at", "2026-11-03T10:00:00+03:00"])
            #expect(first.stdout == "Deal 2 lost; lead 2 stays new: its deal 3 is open\n", "\(first)")
            let second = try ws.succeed(["deal", "lost", "3", "--at", "2026-11-03T11:00:00+03:00"])
            #expect(second.stdout == "Deal 3 lost; lead 2 is now lost\n", "\(second)")
            let reopened = try ws.succeed(["deal", "reopen", "3"])
            #expect(reopened.stdout == "Deal 3 is open again (was lost); lead 2 is now new\n", "\(reopened)")
            let wonNow = try ws.succeed(["deal", "won", "3", "--at", "2026-11-04T10:00:00+03:00"])
            #expect(wonNow.stdout == "Deal 3 won: 200.00 RUB; lead 2 is now won\n", "\(wonNow)")
            #expect(try ws.succeed(["deal", "won", "--help"]).stdout.contains("move of the lead by hand"))
        }
    }
}

extension Workspace {
    /// A report over the sample period that must succeed, parsed by Foundation (the figures these tests read are
    /// counts).
    func reportObject(
        _ kind: String, database: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: Any] {
        let result = try report(kind, database: database)
        try #require(result.status == 0, "expected success:\n\(result)", sourceLocation: sourceLocation)
        return try jsonObject(result.stdout, sourceLocation: sourceLocation)
    }
}

/// A number at a path of keys in a parsed report.
func figure(_ object: [String: Any], _ keys: String...) -> Decimal? {
    var current: Any? = object
    for key in keys { current = (current as? [String: Any])?[key] }
    return jsonDecimal(current)
}
