import Foundation
import Testing

/// Extreme input ends in a one-line error or correct output, never in a trap that kills the command (or, as on
/// earlier versions, every later report).
struct NoTrapTests {
    /// Every report and goal command over October 2026, as a user would run them after an import.
    static let everyReport: [[String]] = {
        let period = ["--from", "2026-10-01", "--to", "2026-10-31"]
        return [
            ["report", "attribution"] + period, ["report", "attribution", "--model", "markov", "--by", "channel"] + period,
            ["report", "roas"] + period, ["report", "roas", "--by", "platform", "--compare", "previous"] + period,
            ["report", "funnel"] + period, ["report", "models"] + period, ["report", "speed"] + period,
            ["report", "abtest", "--campaign", "a"] + period, ["report", "summary", "--format", "md"] + period,
            ["goal", "status", "--as-of", "2026-10-20"], ["goal", "suggest", "--campaign", "a"] + period,
        ]
    }()

    /// Succeeded, or failed with exactly one `Error:` line and no backtrace.
    static func expectNoTrap(
        _ result: RunResult, context: String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if result.succeeded { return }
        #expect(
            result.stderrLines.count == 1 && result.stderr.hasPrefix("Error: ") && result.stdout.isEmpty,
            "expected success or a one-line error:\n\(result)\(context)", sourceLocation: sourceLocation)
        for word in ["Fatal error", "Backtrace", "overflow", "SQLite error", "NSCocoaErrorDomain"] {
            #expect(
                !result.stderr.contains(word), "\(word) shown to the user:\n\(result)\(context)",
                sourceLocation: sourceLocation)
        }
    }

    /// The issue's case: two spend rows of 5e18 impressions. Refused at the door, in one line naming the file, the
    /// row and the field; every report afterwards still runs.
    @Test func fiveE18ImpressionsAreRefusedAndEveryReportRuns() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["goal", "set", "--metric", "impressions", "--target", "1000", "--from", "2026-10-01",
                            "--to", "2026-10-31"])
            let file = try ws.write(
                "spend.csv",
                lines: [
                    "date,campaign,amount,currency,impressions", "2026-10-01,a,1,RUB,5000000000000000000",
                    "2026-10-02,a,1,RUB,5000000000000000000",
                ])
            try ws.refuse(["import", "spend", file], mentioning: "spend.csv", "row 1", "impressions", "out of range")
            for arguments in Self.everyReport {
                Self.expectNoTrap(try ws.run(arguments))
            }
        }
    }

    /// Rows each within the range whose sum passes 2⁵³: every report that adds them fails in one line naming the
    /// figure; none traps, none prints an inexact total.
    @Test func sumsBeyondTheExactRangeFailInOneLine() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["goal", "set", "--metric", "clicks", "--target", "1000", "--from", "2026-10-01",
                            "--to", "2026-10-31"])
            let rows = (1...10).map { "2026-10-\(String(format: "%02d", $0)),a,1,RUB,999999999999999" }
            try ws.succeed(["import", "spend", try ws.write("spend.csv", lines: ["date,campaign,amount,currency,clicks"] + rows)])
            for arguments in Self.everyReport {
                let result = try ws.run(arguments)
                Self.expectNoTrap(result)
                if arguments[1] == "roas" || arguments[1] == "funnel" || arguments[0] == "goal" {
                    expectRefused(result, mentioning: "clicks", "9007199254740992")
                }
            }
        }
    }

    @Test(arguments: [
        (["--lookback-days", "1000000000"], "--lookback-days"), (["--lookback-days", "3651"], "--lookback-days"),
        (["--half-life-days", "1e300"], "--half-life-days"), (["--half-life-days", "nan"], "--half-life-days"),
    ])
    func optionOutOfRange(arguments: [String], fragment: String) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            for report in ["attribution", "roas", "speed"] {
                try ws.refuse(
                    ["report", report, "--from", "2026-10-01", "--to", "2026-10-31"] + arguments, mentioning: fragment)
            }
        }
    }

    @Test func lookbackAtItsLimitRuns() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["report", "attribution", "--from", "2026-10-01", "--to", "2026-10-31", "--lookback-days", "3650"])
        }
    }

    @Test func amountsAndRatesOutOfRange() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.refuse(["deal", "add", "1", "10000000000000.00", "RUB"], mentioning: "out of range")
            try ws.refuse(["deal", "add", "1", String(repeating: "9", count: 400), "RUB"], mentioning: "out of range")
            try ws.succeed(["deal", "add", "1", "9999999999999.99", "RUB"])
            try ws.refuse(["rate", "set", "USD", "RUB", "0.0000000001", "--date", "2026-10-01"], mentioning: "out of range")
            try ws.refuse(["rate", "set", "USD", "RUB", "1000000001", "--date", "2026-10-01"], mentioning: "out of range")
            let file = try ws.write(
                "deals.json",
                text: #"[{"id": "d-9", "lead": {"phone": "8 (916) 123-45-67"}, "amount": 1e309, "currency": "RUB", "created_at": "2026-10-02T10:00:00Z"}]"#)
            try ws.refuse(["import", "deals", file], mentioning: "deals.json", "record 1", "amount")
        }
    }
}
