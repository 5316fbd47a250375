import Foundation
import Testing

/// Issue 14, "One word, one meaning": `lead_rate` is leads per platform click wherever it appears, leads per visit is
/// `visit_lead_rate`, `clicks` is the platform's and `visits` our count of touches; a cost with no spend is `—` /
/// null / empty, never 0.00; `report roas --by channel` shares each campaign's spend over its visits and says so.
@Suite("one word, one meaning")
struct OneWordOneMeaningTests {
    static let period = (from: "2026-11-01", to: "2026-11-30")

    @Test(arguments: StoreKind.allCases) func everyReportUsesTheGlossarysNames(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            let db = try ws.demoDatabase()
            let (_, roas) = try ws.reportJSON("roas", [], from: Self.period.from, to: Self.period.to, database: db)
            let totals = try #require(roas["totals"])
            // The SPEC names roas's count of touches `touches` (machine readers rely on it); the funnel's is `visits`.
            #expect(totals["touches"] != nil && totals["visits"] == nil, "\(totals.keys)")
            // lead_rate is leads per platform click.
            let leads = try #require(totals["leads"]?.decimal)
            let clicks = try #require(totals["clicks"]?.decimal)
            let rate = try #require(totals["lead_rate"]?.decimal)
            #expect(abs(NSDecimalNumber(decimal: rate - leads / clicks).doubleValue) < 0.000001)

            let (_, funnel) = try ws.reportJSON("funnel", [], from: Self.period.from, to: Self.period.to, database: db)
            let steps = try #require(funnel["totals"])
            #expect(steps["lead_rate"] == nil && steps["touches"] == nil && steps["touch_rate"] == nil, "\(steps.keys)")
            let visits = try #require(steps["visits"]?.decimal)
            let perVisit = try #require(steps["visit_lead_rate"]?.decimal)
            #expect(
                abs(NSDecimalNumber(decimal: perVisit - (steps["leads"]?.decimal ?? 0) / visits).doubleValue) < 0.000001
            )
            #expect(steps["clicks"]?.decimal == clicks, "the funnel's clicks are the platform's, as in roas")
            #expect(steps["visits"]?.decimal == totals["touches"]?.decimal, "the funnel's visits are roas's touches")

            let (_, abtest) = try ws.reportJSON(
                "abtest", ["--campaign", "vk_retarget"], from: Self.period.from, to: Self.period.to, database: db)
            let variant = try #require(abtest["variants"]?.array?.first)
            #expect(variant.keys == ["key", "visits", "leads", "visit_lead_rate", "spend", "cpl"], "\(variant.keys)")
            let pair = try #require(abtest["pairs"]?.array?.first)
            #expect(pair["visit_lead_rate_a"] != nil && pair["more_visits_needed"] != nil, "\(pair.keys)")
            #expect(pair["verdict"]?.string?.contains("clicks") == false, "\(pair)")

            let table = try ws.succeed([
                "report", "funnel", "--from", Self.period.from, "--to", Self.period.to, "--db", db,
            ])
            let header = table.stdoutLines.dropFirst(2).first ?? ""
            #expect(header.contains(" visits ") && header.contains("visit_lead_rate") && !header.contains("touches"))
        }
    }

    /// The demo's `(none)` row (leads from visits without a campaign) has no spend: its CPL and CAC are unknown.
    /// The funnel's `(unattributed)` row follows the rule of every row (docs/reports.md, "funnel"): no visits, so
    /// its visit rates are `—`; its step rates are its own figures' (0 of 1 lead qualified is 0%), and a step after
    /// an empty one is a division by zero, `—`.
    @Test func theFunnelsUnattributedRowHasTheRatesOfAnyRow() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["lead", "add", "--phone", "89161234567", "--at", "2026-10-05T10:00:00Z"])
            try ws.succeed([
                "lead", "add", "--phone", "89031112233", "--at", "2026-10-05T10:00:00Z", "--url",
                "https://site.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=autumn",
            ])
            let (_, funnel) = try ws.reportJSON("funnel", [], from: "2026-10-01", to: "2026-10-31")
            let unattributed = try #require(funnel["unattributed"])
            #expect(unattributed["leads"]?.decimal == 1)
            for name in ["click_rate", "visit_rate", "visit_lead_rate", "opportunity_rate", "won_rate"] {
                #expect(unattributed[name]?.isNull == true, "\(name): \(String(describing: unattributed[name]))")
            }
            #expect(unattributed["qualified_rate"]?.decimal == 0 && unattributed["junk_share"]?.decimal == 0)
            let table = try ws.report("funnel", [], from: "2026-10-01", to: "2026-10-31", format: "table").stdout
            let row = try #require(table.split(separator: "\n").first { $0.hasPrefix("(unattributed)") })
            let cells = row.split(separator: " ").map(String.init)
            // leads … won, then visit_lead_rate —, qualified_rate 0%, won_rate —, junk_share 0%.
            #expect(Array(cells.suffix(4)) == ["—", "0%", "—", "0%"], "\(table)")
        }
    }

    @Test(arguments: StoreKind.allCases) func aCostWithNoSpendIsUnknownNotZero(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            let db = try ws.demoDatabase()
            let (_, roas) = try ws.reportJSON("roas", [], from: Self.period.from, to: Self.period.to, database: db)
            let none = try #require(roas["rows"]?.array?.first { $0["key"]?.string == "(none)" })
            #expect(none["spend"]?.decimal == 0 && (none["leads"]?.decimal ?? 0) > 0, "\(none)")
            for cost in ["cpc", "cpm", "cpl", "cac", "roas", "romi"] {
                #expect(none[cost]?.isNull == true, "\(cost) of a row without spend: \(String(describing: none[cost]))")
            }
            let csv = try ws.succeed(
                ["report", "roas", "--format", "csv", "--from", Self.period.from, "--to", Self.period.to, "--db", db])
            let columns = csv.stdoutLines.first?.components(separatedBy: ",") ?? []
            let row = csv.stdoutLines.first { $0.hasPrefix("(none),") }?.components(separatedBy: ",") ?? []
            for cost in ["cpl", "cac"] {
                let index = try #require(columns.firstIndex(of: cost))
                #expect(row.indices.contains(index) && row[index].isEmpty, "\(cost) in CSV: \(row)")
            }
            // In the table, CPL and CAC (right-aligned under their names) are `—`.
            let table = try ws.succeed([
                "report", "roas", "--from", Self.period.from, "--to", Self.period.to, "--db", db,
            ])
            let header = Array(table.stdoutLines.dropFirst(2).first ?? "")
            let line = Array(table.stdoutLines.first { $0.hasPrefix("(none) ") } ?? "")
            let starts = TableLayout.runStarts(String(header))
            for cost in ["cpl", "cac"] {
                let start = try #require(TableLayout.offset(of: " \(cost) ", in: String(header)).map { $0 + 1 })
                let next = starts.first { $0 > start } ?? line.count
                let cell = String(line[min(start, line.count)..<min(next, line.count)]).trimmingCharacters(
                    in: .whitespaces)
                #expect(cell == "—", "\(cost) in the table: '\(cell)' in \(String(line))")
            }
        }
    }

    /// A campaign's 1000.00 over three paid-social visits and one email visit: 750.00 and 250.00; a campaign with no
    /// visit puts its 99.99 in the unattributed row; the header says how spend was shared.
    @Test(arguments: StoreKind.allCases) func roasByChannelSharesEachCampaignsSpendOverItsVisits(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            try ws.succeed([
                "spend", "add", "autumn", "1000.00", "RUB", "--date", "2026-10-05", "--impressions", "1001", "--clicks",
                "10",
            ])
            try ws.succeed(["spend", "add", "winter", "99.99", "RUB", "--date", "2026-10-06"])
            for (index, tags) in [
                "vk&utm_medium=cpc", "vk&utm_medium=cpc", "vk&utm_medium=cpc", "newsletter&utm_medium=email",
            ]
            .enumerated() {
                try ws.succeed([
                    "touch", "add", "https://example.ru/?utm_source=\(tags)&utm_campaign=autumn",
                    "--visitor", "v\(index)", "--at", "2026-10-0\(index + 1)T10:00:00Z",
                ])
            }
            let (text, json) = try ws.reportJSON(
                "roas", ["--by", "channel"], from: "2026-10-01", to: "2026-10-31")
            #expect(json["spend_shared_by"] == .string("touches"), "\(text)")
            let rows = json["rows"]?.array ?? []
            let spend = Dictionary(
                uniqueKeysWithValues: rows.compactMap { row in
                    row["key"]?.string.map { ($0, row["spend"]?.decimal) }
                })
            #expect(spend["paid_social"] == 750 && spend["email"] == 250, "\(text)")
            #expect(json["unattributed"]?["spend"]?.decimal == Decimal(string: "99.99"), "\(text)")
            #expect(json["totals"]?["spend"]?.decimal == Decimal(string: "1099.99"))
            let impressions = rows.compactMap { $0["impressions"]?.integer }
            #expect(
                impressions.reduce(0, +) == 1001 && impressions.sorted() == [250, 751], "whole numbers: \(impressions)")

            let table = try ws.succeed([
                "report", "roas", "--by", "channel", "--from", "2026-10-01", "--to", "2026-10-31",
            ])
            #expect(table.stdoutLines.prefix(2).joined().contains("shared over the channels of its visits"), "\(table)")
            let campaign = try ws.succeed(["report", "roas", "--from", "2026-10-01", "--to", "2026-10-31"]).stdout
            #expect(!campaign.contains("shared"), "by campaign, spend is the campaign's own")

            // The funnel by channel shares the same impressions and clicks as ROAS does: its rows add up to its
            // totals (they were null on every row while the total had them).
            let (funnelText, funnel) = try ws.reportJSON(
                "funnel", ["--by", "channel"], from: "2026-10-01", to: "2026-10-31")
            #expect(funnel["delivery_shared_by"] == .string("touches"), "\(funnelText)")
            func figures(_ json: OrderedJSON, _ name: String) -> [String: Int64] {
                Dictionary(
                    uniqueKeysWithValues: (json["rows"]?.array ?? []).compactMap { row in
                        row["key"]?.string.flatMap { key in row[name]?.integer.map { (key, $0) } }
                    })
            }
            for name in ["impressions", "clicks"] {
                #expect(figures(funnel, name) == figures(json, name), "\(name): \(funnelText)")
                let rowsSum = figures(funnel, name).values.reduce(0, +) + (funnel["unattributed"]?[name]?.integer ?? 0)
                #expect(rowsSum == funnel["totals"]?[name]?.integer, "\(name) adds up: \(funnelText)")
            }
            let funnelTable = try ws.succeed([
                "report", "funnel", "--by", "channel", "--from", "2026-10-01", "--to", "2026-10-31",
            ])
            #expect(funnelTable.stdoutLines.prefix(2).joined().contains("shared over the channels"), "\(funnelTable)")
        }
    }
}
