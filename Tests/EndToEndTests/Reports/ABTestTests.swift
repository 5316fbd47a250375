import Foundation
import Testing

/// Issue 5, `report abtest`: the built binary on small files in a temporary folder.
@Suite("report abtest")
struct ABTestTests {
    /// Campaign `Spring` (typed with a capital, as platforms export it), October 2026, UTC, three creatives of 300
    /// clicks each: `a` with 9 leads (3%), `b` with 27 (9%), `баннер` with 20 (6.7%). Each lead is a form from the
    /// clicking visitor five minutes later. Campaign `autumn` has 50 clicks and 50 leads that must not count. Spend:
    /// 900.00 RUB for spring (300.00 per creative, allotted by clicks), 5000.00 RUB for autumn.
    private func threeCreatives(_ ws: Workspace) throws {
        try ws.succeed(["init"])
        var clicks: [String] = []
        var forms: [String] = []
        func variant(_ campaign: String, _ content: String, clicks count: Int, leads: Int, hour: Int) {
            for index in 0..<count {
                let visitor = "\(campaign)-\(content)-\(index)"
                let minute = index % 60
                let day = 10 + index / 60
                let at = String(format: "2026-10-%02d", day) + String(format: "T%02d:%02d:00Z", hour, minute)
                clicks.append(
                    #"{"at": "\#(at)", "visitor": "\#(visitor)", "utm_source": "vk", "utm_medium": "cpc", "utm_campaign": "\#(campaign)", "utm_content": "\#(content)"}"#
                )
                guard index < leads else { continue }
                let submitted = String(format: "2026-10-%02d", day) + String(format: "T%02d:%02d:00Z", hour + 1, minute)
                forms.append(
                    #"{"submitted_at": "\#(submitted)", "email": "\#(visitor)@example.com", "visitor": "\#(visitor)"}"#)
            }
        }
        variant("Spring", "a", clicks: 300, leads: 9, hour: 8)
        variant("Spring", "b", clicks: 300, leads: 27, hour: 10)
        variant("Spring", "баннер", clicks: 300, leads: 20, hour: 12)
        variant("autumn", "a", clicks: 50, leads: 50, hour: 14)
        try ws.succeed(["import", "clicks", try ws.write("clicks.ndjson", lines: clicks)])
        try ws.succeed(["import", "forms", try ws.write("forms.ndjson", lines: forms)])
        let spend = try ws.write(
            "spend.csv",
            lines: ["date,campaign,amount,currency", "2026-10-05,spring,900.00,RUB", "2026-10-05,autumn,5000.00,RUB"])
        try ws.succeed(["import", "spend", spend])
    }

    private static let period = ["--from", "2026-10-01", "--to", "2026-10-31"]

    /// The pairs' figures are those of the report unit test's three variants (Python/SciPy, see
    /// `ABTestReportTests.holmDecidesAndVerdictsAreWorded`): a–b z 3.0942637387763803, p 0.001973020087518942,
    /// Holm 0.0059190602625568255 → significant; a–баннер p 0.0363, Holm 0.0725 → 415 more clicks; b–баннер → 2476.
    @Test func jsonShapeFiguresAndVerdicts() throws {
        try Workspace.with { ws in
            try threeCreatives(ws)
            let (text, json) = try ws.reportJSON(
                "abtest", ["--campaign", " SPRING "], from: "2026-10-01", to: "2026-10-31")
            #expect(
                json.keys == [
                    "report", "conversion", "model", "by", "from", "to", "timezone", "lookback_days", "currency",
                    "campaign", "confidence", "power", "min_effect", "variants", "totals", "pairs",
                ], "\(text)")
            #expect(json["report"] == .string("abtest"))
            #expect(json["conversion"] == .string("lead"))
            #expect(json["model"] == .string("last_non_direct"))
            #expect(json["by"] == .string("content"), "--by defaults to content")
            #expect(json["campaign"] == .string("spring"))
            #expect(json["confidence"] == .number("0.95"))

            let variants = try #require(json["variants"]?.array)
            #expect(variants.map { $0["key"]?.string } == ["a", "b", "баннер"])
            #expect(variants.map { $0["visits"]?.numberText } == ["300", "300", "300"])
            #expect(variants.map { $0["leads"]?.numberText } == ["9", "27", "20"])
            #expect(variants.map { $0["visit_lead_rate"]?.numberText } == ["0.03", "0.09", "0.066667"])
            #expect(variants.map { $0["spend"]?.numberText } == ["300.00", "300.00", "300.00"])
            // 300 / 9 = 33.33, 300 / 27 = 11.11, 300 / 20 = 15.00.
            #expect(variants.map { $0["cpl"]?.numberText } == ["33.33", "11.11", "15.00"])
            #expect(json["totals"]?["visits"] == .number("900"))
            #expect(json["totals"]?["leads"] == .number("56"))
            #expect(json["totals"]?["spend"] == .number("900.00"))

            let pairs = try #require(json["pairs"]?.array)
            #expect(
                pairs.map { [$0["a"]?.string, $0["b"]?.string] } == [["a", "b"], ["a", "баннер"], ["b", "баннер"]])
            #expect(pairs[0]["z"] == .number("3.094264"))
            #expect(pairs[0]["p_value"] == .number("0.00197302"))
            #expect(pairs[0]["p_adjusted"] == .number("0.00591906"))
            #expect(pairs[0]["significant"] == .bool(true))
            #expect(pairs[0]["winner"] == .string("b"))
            #expect(pairs[0]["verdict"] == .string("b beats a at 95%"))
            #expect(pairs[1]["p_value"] == .number("0.0362709"))
            #expect(pairs[1]["p_adjusted"] == .number("0.0725418"))
            #expect(pairs[1]["significant"] == .bool(false))
            #expect(pairs[1]["winner"] == .null)
            #expect(pairs[1]["more_visits_needed"] == .number("415"))
            #expect(pairs[1]["verdict"] == .string("not enough data: about 415 more visits per variant"))
            #expect(pairs[2]["verdict"] == .string("not enough data: about 2476 more visits per variant"))
        }
    }

    @Test func tableLinesUpWithCyrillicAndSaysTheVerdicts() throws {
        try Workspace.with { ws in
            try threeCreatives(ws)
            let result = try ws.succeed(
                ["report", "abtest", "--campaign", "spring"] + Self.period + ["--format", "table"])
            let variants = try ReportTable(result.stdout)
            variants.expectAligned()
            #expect(variants.header.hasPrefix("content"))
            #expect(
                variants.cells(try #require(variants.line(forKey: "баннер"))) == [
                    "баннер", "300", "20", "6.7%", "300.00", "15.00",
                ])
            #expect(variants.line(forKey: "(total)") != nil)
            // The pairs' table comes after the variants'.
            let pairsText = try #require(result.stdout.components(separatedBy: "Holm-adjusted").last)
            let pairs = try ReportTable(pairsText)
            #expect(pairs.body.count == 3)
            #expect(pairs.body[0].hasSuffix("b beats a at 95%"))
            #expect(pairs.body[1].hasSuffix("not enough data: about 415 more visits per variant"))
            #expect(pairs.cells(pairs.body[1]).prefix(2) == ["a", "баннер"])
        }
    }

    /// A stricter confidence and a minimum effect change the verdicts: at 99.5% a–b's adjusted p (0.0059) is not
    /// enough; with --min-effect 20 the clicks are for a +20% lift over b–баннер's pooled rate 47/600 at α 0.05/3
    /// (Python, as in `ABTestReportTests.minimumEffectDrivesThePowerCalculation`: n = 6715.91 → 6416 more).
    @Test func confidenceAsAPercentage() throws {
        try Workspace.with { ws in
            try threeCreatives(ws)
            let (_, json) = try ws.reportJSON(
                "abtest", ["--campaign", "spring", "--confidence", "99.5"], from: "2026-10-01", to: "2026-10-31")
            #expect(json["confidence"] == .number("0.995"))
            let first = try #require(json["pairs"]?.array?.first)
            #expect(first["significant"] == .bool(false))
            #expect(first["verdict"]?.string?.hasPrefix("not enough data: about ") == true)
            let (_, effect) = try ws.reportJSON(
                "abtest", ["--campaign", "spring", "--min-effect", "20"], from: "2026-10-01", to: "2026-10-31")
            #expect(effect["min_effect"] == .number("0.2"))
            #expect(effect["pairs"]?.array?[2]["more_visits_needed"] == .number("6416"))
        }
    }

    @Test func unknownCampaignIsOneLineAndAFailure() throws {
        try Workspace.with { ws in
            try threeCreatives(ws)
            try ws.refuse(
                ["report", "abtest", "--campaign", "Nope"] + Self.period + ["--format", "json"],
                mentioning: "unknown campaign 'nope'")
        }
    }

    @Test(arguments: [
        (["--confidence", "1"], "--confidence"), (["--confidence", "0"], "--confidence"),
        (["--confidence", "100"], "--confidence"), (["--min-effect", "0"], "--min-effect"),
        (["--min-effect", "-5"], "--min-effect"),
    ])
    func badSettingsAreOneLine(_ options: [String], _ mentioning: String) throws {
        try Workspace.with { ws in
            try threeCreatives(ws)
            try ws.refuse(
                ["report", "abtest", "--campaign", "spring"] + Self.period + options + ["--format", "json"],
                mentioning: mentioning)
        }
    }

    @Test func missingCampaignOptionIsOneLine() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.refuse(["report", "abtest"] + Self.period, mentioning: "--campaign")
        }
    }

    @Test func csvHasTheVariantsThenThePairs() throws {
        try Workspace.with { ws in
            try threeCreatives(ws)
            let result = try ws.succeed(
                ["report", "abtest", "--campaign", "spring"] + Self.period + ["--format", "csv"])
            let sections = result.stdout.components(separatedBy: "\n\n")
            try #require(sections.count == 2, "\(result)")
            let variants = ReportCSV.records(sections[0])
            #expect(variants.first == ["content", "visits", "leads", "visit_lead_rate", "spend", "cpl"])
            #expect(variants.last == ["(total)", "900", "56", "0.062222", "900.00", "16.07"])
            let pairs = ReportCSV.records(sections[1])
            #expect(pairs.count == 4)
            #expect(pairs[1].last == "b beats a at 95%")
        }
    }
}
