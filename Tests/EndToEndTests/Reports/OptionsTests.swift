import Foundation
import Testing

/// Issue 14, "Options mean what they say": an option a command does not read is an error, so is an unknown command
/// even with `--help`; `--to` alone is its month up to that day, `--from` alone runs to today; `--version`.
@Suite("options mean what they say")
struct OptionsTests {
    @Test(arguments: [
        (["report", "speed", "--model", "markov"], "--model"),
        (["report", "speed", "--by", "channel"], "--by"),
        (["report", "speed", "--currency", "USD"], "--currency"),
        (["report", "funnel", "--conversion", "deal"], "--conversion"),
        (["report", "funnel", "--currency", "RUB"], "--currency"),
        (["report", "roas", "--conversion", "lead"], "--conversion"),
        (["report", "abtest", "--campaign", "x", "--conversion", "sale"], "--conversion"),
        (["report", "attribution", "--half-life-days", "3"], "--half-life-days"),
        (["report", "roas", "--model", "linear", "--half-life-days", "3"], "time_decay"),
        (["lead", "list", "--format", "table", "--csv-dialect", "excel-ru"], "--csv-dialect"),
    ])
    func anOptionTheCommandDoesNotUseIsRefused(_ arguments: [String], _ naming: String) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let result = try ws.refuse(arguments, mentioning: naming)
            #expect(result.status == 64, "a usage error: \(result)")
        }
    }

    @Test func theOptionsAReportUsesStillWork() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["report", "speed", "--lookback-days", "30", "--from", "2026-10-01", "--to", "2026-10-31"])
            try ws.succeed(["report", "attribution", "--model", "time_decay", "--half-life-days", "3"])
            try ws.succeed(["report", "models", "--half-life-days", "3", "--conversion", "lead"])
            try ws.succeed(["report", "funnel", "--model", "linear", "--by", "channel"])
        }
    }

    @Test(arguments: [
        ["nonexist", "--help"], ["nonexist", "-h"], ["help", "nonexist"], ["report", "nonexist", "--help"],
        ["nonexist"], ["lead", "lisst", "--help"],
    ])
    func anUnknownCommandIsAnErrorEvenWithHelp(_ arguments: [String]) throws {
        try Workspace.with { ws in
            let result = try ws.run(arguments)
            expectRefused(result, mentioning: "unknown command")
            #expect(result.status == 64, "\(result)")
        }
    }

    @Test func helpOfAKnownCommandStillPrints() throws {
        try Workspace.with { ws in
            for arguments in [["--help"], ["report", "roas", "--help"], ["help", "report"], ["lead", "list", "-h"]] {
                let result = try ws.run(arguments)
                #expect(result.status == 0 && result.stdout.contains("USAGE"), "\(result)")
            }
        }
    }

    /// The completion script knows the fixed words; `--campaign` is completed from the database on the line.
    @Test func shellCompletionOffersTheWordsAndTheDatabasesCampaigns() throws {
        try Workspace.with { ws in
            let script = try ws.succeed(["--generate-completion-script", "bash"]).stdout
            for word in ["time_decay", "source_medium", "qualified", "excel-ru", "csv-dialect", "duplicate-window"] {
                #expect(script.contains(word), "the script does not offer \(word)")
            }
            let db = try ws.demoDatabase()
            // What the bash script runs when Tab is pressed after `leadtrail --db DB report abtest --campaign `.
            let line = ["leadtrail", "--db", db, "report", "abtest", "--campaign", ""]
            let offered = try ws.run(["---completion", "report", "abtest", "--", "--campaign", "6", "0"] + line)
            #expect(offered.stdout.split(separator: "\n").contains("vk_retarget"), "\(offered)")
            let nowhere = try ws.run(
                ["---completion", "report", "abtest", "--", "--campaign", "6", "0"]
                    + ["leadtrail", "--db", "missing.sqlite", "report", "abtest", "--campaign", ""])
            #expect(nowhere.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(nowhere)")
            #expect(!ws.exists("missing.sqlite"), "completion never creates a database")
        }
    }

    /// The demo's ROMI is −0.49 in October and 0.22 in November: "+144%" would mislead, so the percent change is
    /// null and the table shows the change in points. Fractional counts print with one number of decimals a column.
    @Test func aChangeAcrossZeroIsInPointsAndAColumnKeepsItsDecimals() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            let period = ["--from", "2026-11-01", "--to", "2026-11-30", "--db", db]
            let json = try OrderedJSON.parse(
                try ws.succeed(["report", "roas", "--compare", "previous", "--format", "json"] + period).stdout)
            let totals = try #require(json["totals"])
            #expect((totals["previous"]?["romi"]?.decimal ?? 0) < 0 && (totals["romi"]?.decimal ?? 0) > 0)
            #expect(totals["change_pct"]?["romi"]?.isNull == true, "\(totals)")
            #expect(totals["change_pct"]?["spend"]?.isNull == false, "an ordinary percent change stays")

            func cells(_ line: String) -> [String] {
                line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            let table = try ws.succeed(["report", "roas", "--compare", "previous"] + period).stdoutLines
            let total = try #require(table.firstIndex { $0.hasPrefix("(total)") })
            let percent = try #require(table.dropFirst(total).first { $0.hasPrefix("└ change %") })
            #expect(cells(percent).last == "+70.7 pp", "ROMI −0.49 → 0.22 in points: \(percent)")

            let linear = try ws.succeed(["report", "attribution", "--model", "linear"] + period).stdoutLines
            let rows = linear.drop { !$0.hasPrefix("──") }.dropFirst().map(cells).filter { $0.count == 3 }
            let decimals = Set(rows.map { $0[1].split(separator: ".").dropFirst().first?.count ?? 0 })
            #expect(rows.count > 5 && decimals == [2], "conversions print with two decimals each: \(rows)")
        }
    }

    @Test func versionNamesTheReleaseAndTheCommit() throws {
        try Workspace.with { ws in
            let result = try ws.succeed(["--version"])
            let line = result.stdout.trimmingCharacters(in: .newlines)
            #expect(
                line.range(
                    of: #"^\d+\.\d+\.\d+ \((commit [0-9a-f]{7,40}|commit unknown)( modified)?\)$"#,
                    options: .regularExpression) != nil, "\(line)")
            #expect(result.stderr.isEmpty)
        }
    }

    @Test func toAloneIsItsMonthAndFromAloneRunsToToday() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let (_, to) = try ws.reportJSON(["--to", "2026-02-20"])
            #expect(to["from"] == .string("2026-02-01") && to["to"] == .string("2026-02-20"), "\(to)")
            let (_, from) = try ws.reportJSON(["--from", "2025-12-30"])
            #expect(from["from"] == .string("2025-12-30"))
            #expect(from["to"]?.string == Self.today(), "\(from)")
            try ws.refuse(["report", "roas", "--from", "2999-01-01"], mentioning: "after today")
        }
    }

    /// Today in UTC (a fresh database's zone), as `YYYY-MM-DD`.
    static func today() -> String {
        String(ISO8601DateFormatter().string(from: Date()).prefix(10))
    }
}

extension Workspace {
    /// `report roas --format json` with only the given period options.
    fileprivate func reportJSON(_ period: [String]) throws -> (String, OrderedJSON) {
        let result = try succeed(["report", "roas", "--format", "json"] + period)
        return (result.stdout, try OrderedJSON.parse(result.stdout))
    }
}
