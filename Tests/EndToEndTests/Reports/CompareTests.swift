import Foundation
import Testing

/// Issue 5, acceptance 3: `--compare previous|year-ago` on `report roas` and `report attribution` prints every figure
/// with the earlier period's figure, its change and its percent change. Checked against the same report run on its
/// own over the earlier period, as exact decimals; on the demo data the changes are real, and every ratio with a
/// zero denominator stays null.
@Suite("Reports compared with another period")
struct CompareTests {
    static let november = (from: "2026-11-01", to: "2026-11-30")
    static let october = (from: "2026-10-01", to: "2026-10-31")
    /// The figures that add up: rows + unattributed = totals, and so do their changes.
    static let additive = ["conversions", "value", "leads", "deals", "won", "revenue"]
    /// Each ratio and the base figure whose zero makes it null.
    static let denominators = [
        "ctr": "impressions", "cpc": "clicks", "cpm": "impressions", "er": "reach", "cpl": "leads", "cac": "won",
        "roas": "spend", "romi": "spend", "aov": "won", "lead_rate": "clicks", "win_rate": "leads",
    ]

    @Test(arguments: ["roas", "attribution"])
    func previousMonthFiguresMatchTheEarlierReportAndTheChangesAddUp(kind: String) throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            let (text, compared) = try ws.reportJSON(
                kind, ["--compare", "previous"], from: Self.november.from, to: Self.november.to, database: db)
            let (_, current) = try ws.reportJSON(kind, [], from: Self.november.from, to: Self.november.to, database: db)
            let (_, earlier) = try ws.reportJSON(kind, [], from: Self.october.from, to: Self.october.to, database: db)

            #expect(
                compared["compare"]?.description == #"{"with": "previous", "from": "2026-10-01", "to": "2026-10-31"}"#,
                "\(text.prefix(600))")
            #expect(Array(compared.keys.prefix(ReportFixtures.headerKeys.count)) == ReportFixtures.headerKeys)
            #expect(compared.keys.suffix(4) == ["compare", "rows", "unattributed", "totals"])

            let rows = try #require(compared["rows"]?.array)
            let currentRows = Self.byKey(current)
            let earlierRows = Self.byKey(earlier)
            // Every key of either period, the current period's first and in its order.
            let keys = rows.compactMap { $0["key"]?.string }
            #expect(Array(keys.prefix(currentRows.count)) == current["rows"]?.array?.compactMap { $0["key"]?.string })
            #expect(Set(keys) == Set(currentRows.keys).union(earlierRows.keys), "keys \(keys)")

            var realChanges = 0
            for row in rows {
                let key = try #require(row["key"]?.string)
                try Self.expectCompared(
                    row, now: currentRows[key], before: earlierRows[key], context: "\(kind) row \(key)")
                if let change = row["change"]?[kind == "roas" ? "revenue" : "value"]?.decimal, change != 0 {
                    realChanges += 1
                }
            }
            #expect(realChanges >= 3, "the demo's months differ: only \(realChanges) rows changed value\n\(text)")
            for part in ["unattributed", "totals"] {
                try Self.expectCompared(
                    try #require(compared[part]), now: current[part], before: earlier[part], context: "\(kind) \(part)")
            }

            // The changes reconcile as the figures do: rows + unattributed = totals, change by change.
            let totalsChange = try #require(compared["totals"]?["change"])
            let unattributedChange = try #require(compared["unattributed"]?["change"])
            for figure in Self.additive where totalsChange[figure] != nil {
                let sum = rows.compactMap { $0["change"]?[figure]?.decimal }.reduce(0, +)
                    + (unattributedChange[figure]?.decimal ?? 0)
                #expect(sum == totalsChange[figure]?.decimal, "\(kind): \(figure) changes add to \(sum)")
            }
            if kind == "roas" {
                let spendChanges = rows.compactMap { $0["change"]?["spend"]?.decimal }.reduce(0, +)
                #expect(spendChanges == totalsChange["spend"]?.decimal, "spend changes add to \(spendChanges)")
            }
        }
    }

    /// One compared object: its own figures are the current report's, `previous` the earlier report's (zeros for a
    /// key it lacks), `change` the exact difference and `change_pct` the change over the earlier figure, null where
    /// either figure is null or the earlier is zero; a ratio whose denominator is zero is null in both periods.
    static func expectCompared(
        _ object: OrderedJSON, now: OrderedJSON?, before: OrderedJSON?, context: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let previous = try #require(object["previous"], "\(context): no previous", sourceLocation: sourceLocation)
        let change = try #require(object["change"], "\(context): no change", sourceLocation: sourceLocation)
        let percent = try #require(object["change_pct"], "\(context): no change_pct", sourceLocation: sourceLocation)
        let names = object.keys.filter { !["key", "previous", "change", "change_pct"].contains($0) }
        #expect(previous.keys == names && change.keys == names && percent.keys == names, "\(context): keys")
        for name in names {
            let value = try #require(object[name])
            let old = try #require(previous[name])
            if let now {
                #expect(value == now[name], "\(context): \(name) \(value) is not the report's \(now[name]?.description ?? "-")",
                    sourceLocation: sourceLocation)
            } else if let number = value.decimal {
                #expect(number == 0, "\(context): \(name) of a key absent now is \(number)", sourceLocation: sourceLocation)
            }
            if let before {
                #expect(old == before[name], "\(context): previous \(name) \(old) is not \(before[name]?.description ?? "-")",
                    sourceLocation: sourceLocation)
            } else if let number = old.decimal {
                #expect(number == 0, "\(context): previous \(name) of a new key is \(number)", sourceLocation: sourceLocation)
            }
            guard let a = value.decimal, let b = old.decimal else {
                #expect(change[name]?.isNull == true && percent[name]?.isNull == true,
                    "\(context): \(name) change of a null figure", sourceLocation: sourceLocation)
                continue
            }
            #expect(change[name]?.decimal == a - b, "\(context): \(name) change \(change[name]?.description ?? "-") ≠ \(a - b)",
                sourceLocation: sourceLocation)
            if b <= 0 || a < 0 {
                // Over zero, from a negative base or across a change of sign a percentage would mislead.
                #expect(percent[name]?.isNull == true, "\(context): \(name) change_pct over zero or across it",
                    sourceLocation: sourceLocation)
            } else {
                let expected = ReportDecimal.rounded((a - b) / b, scale: 6)
                #expect(percent[name]?.decimal == expected,
                    "\(context): \(name) change_pct \(percent[name]?.description ?? "-") ≠ \(expected)",
                    sourceLocation: sourceLocation)
            }
        }
        // Zero denominators: the ratio is null in both periods, and so are its change and percent change.
        for (ratio, denominator) in denominators where names.contains(ratio) {
            for (period, figures) in [("current", object), ("previous", previous)] {
                let base = figures[denominator]
                if base?.isNull == true || base?.decimal == 0 {
                    #expect(figures[ratio]?.isNull == true,
                        "\(context): \(period) \(ratio) with \(denominator) \(base?.description ?? "-")",
                        sourceLocation: sourceLocation)
                    #expect(change[ratio]?.isNull == true && percent[ratio]?.isNull == true,
                        "\(context): \(ratio) change with a null \(period) figure", sourceLocation: sourceLocation)
                }
            }
        }
    }

    static func byKey(_ report: OrderedJSON) -> [String: OrderedJSON] {
        var rows: [String: OrderedJSON] = [:]
        for row in report["rows"]?.array ?? [] {
            if let key = row["key"]?.string { rows[key] = row }
        }
        return rows
    }

    @Test func aYearAgoWithNoDataComparesWithZerosAndNullPercentages() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            let (text, json) = try ws.reportJSON(
                "roas", ["--compare", "year-ago"], from: Self.november.from, to: Self.november.to, database: db)
            #expect(json["compare"]?.description == #"{"with": "year-ago", "from": "2025-11-01", "to": "2025-11-30"}"#)
            let totals = try #require(json["totals"])
            #expect(totals["previous"]?["revenue"]?.decimal == 0)
            #expect(totals["change"]?["revenue"]?.decimal == totals["revenue"]?.decimal)
            #expect(totals["change_pct"]?["revenue"]?.isNull == true, "a change over zero has no percentage\n\(text)")
            #expect(totals["previous"]?["roas"]?.isNull == true, "no spend a year ago: roas is null")
            #expect(totals["change"]?["roas"]?.isNull == true)
        }
    }

    @Test func theTableShowsPreviousChangeAndPercentUnderEachKey() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            let result = try ws.report(
                "roas", ["--compare", "previous"], from: Self.november.from, to: Self.november.to, format: "table",
                database: db)
            try #require(result.status == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.contains { $0.hasPrefix("compared with 2026-10-01 … 2026-10-31 (previous)") })
            let table = try ReportTable(result.stdout)
            table.expectAligned()
            let retarget = try #require(lines.firstIndex { $0.hasPrefix("vk_retarget ") }, "\(result.stdout)")
            #expect(lines[retarget + 1].hasPrefix("├ previous "))
            #expect(lines[retarget + 2].hasPrefix("├ change "))
            #expect(lines[retarget + 3].hasPrefix("└ change % "))
            #expect(lines[retarget + 3].contains("%"))
            let total = try #require(lines.firstIndex { $0.hasPrefix("(total) ") })
            #expect(lines[total + 1].hasPrefix("├ previous "))
        }
    }

    @Test func csvHasFourColumnsPerFigure() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            let result = try ws.report(
                "attribution", ["--compare", "previous"], from: Self.november.from, to: Self.november.to,
                format: "csv", database: db)
            try #require(result.status == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "campaign,conversions,conversions_previous,conversions_change,conversions_change_pct,"
                + "value,value_previous,value_change,value_change_pct")
            #expect(lines.last?.hasPrefix("(total),") == true)
        }
    }

    @Test func anUnknownComparisonIsRefusedInOneLine() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            let result = try ws.report("roas", ["--compare", "last-week"], database: db)
            #expect(result.status != 0)
            #expect(result.stdout.isEmpty)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(result)")
            #expect(result.stderr.contains("--compare") && result.stderr.contains("year-ago"), "\(result)")
        }
    }
}
