import Foundation
import Testing

/// Issue 4, acceptance 3: a missing exchange rate fails the report, naming the pair and the date; bad options fail
/// with one line; every division by zero is `null` in JSON and `—` in a table, never `inf` or `NaN`.
@Suite("Report errors")
struct ReportErrorTests {
    /// One lead from a VK ad on 5 October and its USD deal, won on 7 October (UTC).
    private static let form =
        #"{"id": "f-1", "submitted_at": "2026-10-05T10:00:00Z", "name": "Анна", "phone": "+79160000001", "visitor": "v-1", "page_url": "https://laska-studio.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=autumn"}"#
    private static let usdDeal =
        #"{"id": "d-1", "lead": {"phone": "+79160000001"}, "amount": "100.00", "currency": "USD", "created_at": "2026-10-06T10:00:00Z", "status": "won", "closed_at": "2026-10-07T10:00:00Z"}"#

    private func leadWithAUSDDeal(_ ws: Workspace) throws {
        try ws.succeed(["init"])
        try ws.succeed(["import", "forms", try ws.write("forms.ndjson", lines: [Self.form])])
        try ws.succeed(["import", "deals", try ws.write("deals.ndjson", lines: [Self.usdDeal])])
    }

    @Test(arguments: [
        ["roas"], ["attribution"], ["attribution", "--model", "markov"], ["models"],
        ["roas", "--by", "channel"],
    ])
    func aMissingRateFailsTheReportNamingThePairAndTheDate(_ arguments: [String]) throws {
        try Workspace.with { ws in
            try leadWithAUSDDeal(ws)
            let command = ["report"] + arguments + ["--from", "2026-10-01", "--to", "2026-10-31"]
            for format in ["json", "table", "csv"] {
                try ws.refuse(command + ["--format", format], mentioning: "USD→RUB", "2026-10-07")
            }
            // A rate dated after the deal's close does not help: the rate is the latest on or before the date.
            try ws.succeed(["rate", "set", "USD", "RUB", "92.5", "--date", "2026-10-08"])
            try ws.refuse(command + ["--format", "json"], mentioning: "USD→RUB", "2026-10-07")
        }
    }

    /// Issue 5's reports read the same money: the summary (both formats), and `--compare` when the missing rate is in
    /// the earlier period only.
    @Test func theSummaryAndAnEarlierPeriodNeedTheRateToo() throws {
        try Workspace.with { ws in
            try leadWithAUSDDeal(ws)
            for format in ["html", "md"] {
                try ws.refuse(
                    ["report", "summary", "--from", "2026-10-01", "--to", "2026-10-31", "--format", format],
                    mentioning: "USD→RUB", "2026-10-07")
            }
            for report in ["roas", "attribution"] {
                try ws.refuse(
                    ["report", report, "--from", "2026-11-01", "--to", "2026-11-30", "--compare", "previous"],
                    mentioning: "USD→RUB", "2026-10-07")
            }
        }
    }

    @Test func theReportWorksOnceTheRateIsSetAndLeadReportsNeedNone() throws {
        try Workspace.with { ws in
            try leadWithAUSDDeal(ws)
            // Lead conversions carry no money: no rate needed.
            let leads = try ws.reportJSON(
                "attribution", ["--conversion", "lead"], from: "2026-10-01", to: "2026-10-31")
            #expect(leads.json["totals"]?["conversions"]?.decimal == 1)

            try ws.succeed(["rate", "set", "USD", "RUB", "92.5", "--date", "2026-10-01"])
            let sales = try ws.reportJSON("attribution", [], from: "2026-10-01", to: "2026-10-31")
            #expect(sales.json["totals"]?["value"] == .number("9250.00"), "\(sales.text)")
            let rows = sales.json["rows"]?.array ?? []
            #expect(rows.first?["key"] == .string("autumn"))
            #expect(rows.first?["value"] == .number("9250.00"))
        }
    }

    @Test func theInverseOfTheReversePairIsUsed() throws {
        try Workspace.with { ws in
            try leadWithAUSDDeal(ws)
            // 1 RUB = 0.01 USD → 1 USD = 100 RUB.
            try ws.succeed(["rate", "set", "RUB", "USD", "0.01", "--date", "2026-10-01"])
            let sales = try ws.reportJSON("roas", [], from: "2026-10-01", to: "2026-10-31")
            #expect(sales.json["totals"]?["revenue"] == .number("10000.00"), "\(sales.text)")
        }
    }

    @Test func aMissingRateForSpendFailsTheRoasReport() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let spend = try ws.write(
                "spend.csv",
                lines: ["date,campaign,amount,currency,impressions,clicks", "2026-10-03,autumn,12.50,USD,1000,10"])
            try ws.succeed(["import", "spend", spend])
            try ws.refuse(
                ["report", "roas", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "json"],
                mentioning: "USD→RUB", "2026-10-03")
        }
    }

    // MARK: bad options

    @Test(arguments: [
        (["--currency", "XYZ"], "XYZ"),
        (["--from", "2026-11-01", "--to", "2026-10-01"], "2026-11-01"),
        (["--from", "2026-13-01", "--to", "2026-12-31"], "2026-13-01"),
        (["--from", "2026-10-01", "--to", "2026-02-30"], "2026-02-30"),
        (["--from", "01.10.2026", "--to", "2026-10-31"], "01.10.2026"),
        (["--lookback-days", "-1"], "lookback"),
        (["--lookback-days=-1"], "lookback"),
        (["--half-life-days", "0"], "half-life"),
        (["--model", "nope"], "nope"),
        (["--by", "nope"], "nope"),
        (["--conversion", "nope"], "nope"),
    ])
    func aBadOptionFailsWithOneLine(_ options: [String], _ mentioning: String) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            var arguments = ["report", "roas"]
            if !options.contains("--from") { arguments += ["--from", "2026-10-01"] }
            if !options.contains("--to") { arguments += ["--to", "2026-10-31"] }
            try ws.refuse(arguments + options + ["--format", "json"], mentioning: mentioning)
        }
    }

    // MARK: division by zero

    /// A campaign with a lead and no spend, and a campaign with spend and no lead, in October; nothing in January.
    private func leadsWithoutSpendAndSpendWithoutLeads(_ ws: Workspace) throws {
        try ws.succeed(["init"])
        let form =
            #"{"id": "f-1", "submitted_at": "2026-10-05T10:00:00Z", "name": "Анна", "phone": "+79160000001", "visitor": "v-1", "page_url": "https://laska-studio.ru/?utm_source=telegram&utm_medium=social&utm_campaign=no_spend"}"#
        try ws.succeed(["import", "forms", try ws.write("forms.ndjson", lines: [form])])
        let spend = try ws.write(
            "spend.csv",
            lines: [
                "date,campaign,amount,currency,platform,impressions,reach,clicks,engagements",
                "2026-10-03,paid_only,1000.00,RUB,vk,0,0,0,0",
            ])
        try ws.succeed(["import", "spend", spend])
    }

    @Test func divisionByZeroIsNullInJSONAndADashInTables() throws {
        try Workspace.with { ws in
            try leadsWithoutSpendAndSpendWithoutLeads(ws)
            let (text, json) = try ws.reportJSON("roas", [], from: "2026-10-01", to: "2026-10-31")
            let rows = json["rows"]?.array ?? []
            let noSpend = try #require(rows.first { $0["key"] == .string("no_spend") }, "\(text)")
            let paid = try #require(rows.first { $0["key"] == .string("paid_only") }, "\(text)")
            // A lead and no spend: nothing to divide by where spend, clicks, impressions, reach or won are zero.
            #expect(noSpend["spend"] == .number("0.00"))
            #expect(noSpend["leads"]?.decimal == 1)
            // A cost with no spend is unknown, not free: CPL is null, never 0.00.
            for ratio in ["ctr", "cpc", "cpm", "er", "cpl", "cac", "roas", "romi", "aov", "lead_rate"] {
                #expect(noSpend[ratio] == .null, "no_spend \(ratio) is \(noSpend[ratio]?.description ?? "absent")")
            }
            #expect(noSpend["win_rate"]?.decimal == 0, "0 won of 1 lead")
            // Spend and no lead: CPL, CAC and the other zero denominators are null; the return is −100%.
            for ratio in ["ctr", "cpc", "cpm", "er", "cpl", "cac", "aov", "lead_rate", "win_rate"] {
                #expect(paid[ratio] == .null, "paid_only \(ratio) is \(paid[ratio]?.description ?? "absent")")
            }
            #expect(paid["roas"]?.decimal == 0)
            #expect(paid["romi"]?.decimal == -1)
            Self.expectNoInfinityOrNaN(text)

            let table = try ws.report("roas", [], from: "2026-10-01", to: "2026-10-31", format: "table")
            try #require(table.status == 0, "\(table)")
            Self.expectNoInfinityOrNaN(table.stdout)
            let layout = try ReportTable(table.stdout)
            layout.expectAligned()
            let names = ["campaign", "spend", "clicks", "leads", "cpl", "won", "revenue", "cac", "roas", "romi"]
            let line = try #require(layout.line(forKey: "no_spend"), "\(table.stdout)")
            let cells = Dictionary(zip(names, layout.cells(line)), uniquingKeysWith: { a, _ in a })
            for column in ["cpl", "cac", "roas", "romi"] {
                #expect(cells[column] == "—", "no_spend \(column) shows '\(cells[column] ?? "?")':\n\(table.stdout)")
            }
            let paidLine = try #require(layout.line(forKey: "paid_only"), "\(table.stdout)")
            let paidCells = Dictionary(zip(names, layout.cells(paidLine)), uniquingKeysWith: { a, _ in a })
            for column in ["cpl", "cac"] {
                #expect(
                    paidCells[column] == "—",
                    "paid_only \(column) shows '\(paidCells[column] ?? "?")':\n\(table.stdout)")
            }

            let csv = try ws.report("roas", [], from: "2026-10-01", to: "2026-10-31", format: "csv")
            Self.expectNoInfinityOrNaN(csv.stdout)
        }
    }

    @Test(arguments: ["roas", "attribution", "funnel", "models", "speed"])
    func aPeriodWithNoDataAtAllPrintsNullsAndDashes(report: String) throws {
        try Workspace.with { ws in
            try leadsWithoutSpendAndSpendWithoutLeads(ws)
            for model in ["last_non_direct", "linear", "time_decay", "markov"] {
                // `report speed` credits nothing, so it refuses --model (OptionsTests).
                let options = report == "speed" ? ["--lookback-days", "30"] : ["--model", model]
                let (text, json) = try ws.reportJSON(report, options, from: "2025-01-01", to: "2025-01-31")
                Self.expectNoInfinityOrNaN(text)
                if report == "roas" {
                    let totals = try #require(json["totals"], "\(text)")
                    for ratio in ReportFixtures.roasRatioKeys {
                        #expect(
                            totals[ratio] == .null,
                            "empty period: totals \(ratio) is \(totals[ratio]?.description ?? "absent")")
                    }
                    #expect(json["rows"] == .array([]))
                }
                if report == "attribution" {
                    #expect(json["rows"] == .array([]))
                    #expect(json["totals"]?["conversions"]?.decimal == 0)
                    #expect(json["totals"]?["value"]?.decimal == 0)
                }
                for format in ["table", "csv"] {
                    let result = try ws.report(
                        report, options, from: "2025-01-01", to: "2025-01-31", format: format)
                    #expect(result.status == 0, "\(result)")
                    Self.expectNoInfinityOrNaN(result.stdout)
                }
            }
            let table = try ws.report(report, [], from: "2025-01-01", to: "2025-01-31", format: "table")
            if report == "roas" {
                let layout = try ReportTable(table.stdout)
                let names = ["campaign", "spend", "clicks", "leads", "cpl", "won", "revenue", "cac", "roas", "romi"]
                let total = try #require(layout.line(forKey: "(total)"), "\(table.stdout)")
                let cells = Dictionary(zip(names, layout.cells(total)), uniquingKeysWith: { a, _ in a })
                for column in ["cpl", "cac", "roas", "romi"] {
                    #expect(cells[column] == "—", "(total) \(column) shows '\(cells[column] ?? "?")':\n\(table.stdout)")
                }
            }
        }
    }

    /// No `inf`, `nan` or `Infinity` anywhere in a report's text.
    static func expectNoInfinityOrNaN(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lowered = text.lowercased()
        for word in ["inf", "nan"] {
            let hit = lowered.ranges(of: word).contains { range in
                // A word of its own, not part of a key such as "info" or "financial".
                let before =
                    range.lowerBound == lowered.startIndex ? " " : lowered[lowered.index(before: range.lowerBound)]
                let after = range.upperBound == lowered.endIndex ? " " : lowered[range.upperBound]
                return !before.isLetter && (!after.isLetter || lowered[range.lowerBound...].hasPrefix("infinity"))
            }
            #expect(!hit, "the report prints \(word):\n\(text)", sourceLocation: sourceLocation)
        }
    }
}
