import Foundation
import Testing

/// A rate missing only in the period a report compares with: `report summary` still prints the owner's page (the
/// period's figures need no such rate) and says on stderr that the changes are left out and why; `report roas
/// --compare previous` names the comparison period, not the one asked for (found by a newcomer: "no exchange rate
/// USD→RUB on or before 2026-11-30" for a December report).
struct ComparisonRateTests {
    private func setUp(_ ws: Workspace) throws {
        try ws.succeed(["init", "--currency", "RUB"])
        try ws.succeed(["spend", "add", "google_brand", "10", "USD", "--date", "2026-11-30"])
        try ws.succeed(["spend", "add", "google_brand", "10", "USD", "--date", "2026-12-01"])
        try ws.succeed(["rate", "set", "USD", "RUB", "95.50", "--date", "2026-12-01"])
    }

    @Test func theSummaryPrintsWithoutTheChangesAndSaysWhy() throws {
        try Workspace.with { ws in
            try setUp(ws)
            let page = try ws.succeed([
                "report", "summary", "--from", "2026-12-01", "--to", "2026-12-06", "--format", "md",
            ])
            #expect(page.stdout.contains("955"), "the period's spend at 95.50: \(page)")
            #expect(
                page.stdout.contains("Changes against the previous period (2026-11-25 … 2026-11-30) are left out"),
                "the page says it too: \(page)")
            let html = try ws.succeed(["report", "summary", "--from", "2026-12-01", "--to", "2026-12-06"])
            #expect(html.stdout.contains("are left out: no exchange rate USD→RUB"), "\(html.stdout.suffix(300))")
            #expect(
                page.stderr.contains(
                    "warning: the changes against the previous period (2026-11-25 … 2026-11-30) are left out: "
                        + "no exchange rate USD→RUB on or before 2026-11-30"),
                "\(page)")
        }
    }

    @Test func roasComparedWithThePreviousPeriodNamesThatPeriod() throws {
        try Workspace.with { ws in
            try setUp(ws)
            try ws.succeed(["report", "roas", "--from", "2026-12-01", "--to", "2026-12-06"])
            try ws.refuse(
                ["report", "roas", "--from", "2026-12-01", "--to", "2026-12-06", "--compare", "previous"],
                mentioning: "--compare previous: the period 2026-11-25 … 2026-11-30: no exchange rate USD→RUB")
        }
    }
}
