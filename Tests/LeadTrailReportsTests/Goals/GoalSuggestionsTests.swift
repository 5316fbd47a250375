import Foundation
import LeadTrailCore
import Testing

@testable import LeadTrailReports

/// `goal suggest`: the objective's KPIs with targets 10% better than the previous period, on the October world of
/// `GoalStatusReportTests`. For 2026-10-16…2026-10-30 (15 days) the previous period is 2026-10-01…2026-10-15.
@Suite struct GoalSuggestionsTests {
    static func suggest(_ campaign: Campaign, world: World = GoalStatusReportTests.world) throws -> GoalSuggestions {
        try GoalSuggestions(
            campaign: campaign, from: Clock.date("2026-10-16"), to: Clock.date("2026-10-30"), timeZone: Clock.utc,
            timeZoneName: "UTC", currency: .rub, load: { world.data($0) })
    }

    /// A month's targets come from the whole month before (as `--compare previous`), not the 30 days before it.
    @Test func aMonthIsComparedWithTheMonthBefore() throws {
        let world = GoalStatusReportTests.world
        let result = try GoalSuggestions(
            campaign: Campaign(key: "alpha", name: "Alpha", platform: .vk, objective: .leads),
            from: Clock.date("2026-11-01"), to: Clock.date("2026-11-30"), timeZone: Clock.utc, timeZoneName: "UTC",
            currency: .rub, load: { world.data($0) })
        #expect(result.previousFrom == Clock.date("2026-10-01"))
        #expect(result.previousTo == Clock.date("2026-10-31"))
    }

    @Test func leadsObjective() throws {
        let result = try Self.suggest(Campaign(key: "alpha", name: "Alpha", platform: .vk, objective: .leads))
        #expect(result.previousFrom == Clock.date("2026-10-01"))
        #expect(result.previousTo == Clock.date("2026-10-15"))
        #expect(result.inference == nil)
        #expect(result.suggestions.map(\.metric) == [.cpl, .leadRate, .ctr])
        // alpha before 10-16: 10 000 ₽, 3 leads, 1 000 clicks, 100 000 impressions.
        // CPL 3 333.33 × 0.9 = 3 000.00; lead rate 0.003 × 1.1 = 0.0033; CTR 0.01 × 1.1 = 0.011.
        #expect(result.suggestions.map(\.previous) == [3333.33, 0.003, 0.01])
        #expect(
            result.suggestions.map(\.target) == [
                .money(rub(300_000)), .decimal("0.0033"), .decimal("0.011"),
            ])
        #expect(
            result.command(for: result.suggestions[0])
                == "leadtrail goal set --metric cpl --target 3000.00 --currency RUB --campaign alpha --from 2026-10-16 --to 2026-10-30"
        )
        #expect(
            result.command(for: result.suggestions[1], database: "my data.sqlite")
                == "leadtrail goal set --metric lead_rate --target 0.0033 --campaign alpha --from 2026-10-16 --to 2026-10-30 --db 'my data.sqlite'"
        )
    }

    @Test func anObjectiveIsInferredWhenNoneIsSet() throws {
        let result = try Self.suggest(Campaign(key: "beta", name: "Beta", platform: .instagram))
        // beta: a won deal credited in the previous period → sales.
        #expect(result.objective == .sales)
        #expect(result.inference == "won deals were credited to it in 2026-10-01…2026-10-15")
        #expect(result.suggestions.map(\.metric) == [.roas, .cac, .aov, .winRate])
        // ROAS 12 000 / 6 000 = 2 → 2.2; CAC 6 000 → 5 400.00; AOV 12 000 → 13 200.00; win rate 1/1 = 1 stays 1.
        #expect(result.suggestions.map(\.previous) == [2, 6000, 12000, 1])
        #expect(
            result.suggestions.map(\.target) == [
                .decimal("2.2"), .money(rub(540_000)), .money(rub(1_320_000)), .decimal("1"),
            ])
        let table = result.rendered(as: .table)
        #expect(table.contains("no objective set; inferred sales: won deals were credited to it"))
        #expect(
            table.contains(
                "leadtrail goal set --metric roas --target 2.2 --campaign beta --from 2026-10-16 --to 2026-10-30"))
    }

    @Test func nothingRecordedInfersLeadsAndProposesNoTarget() throws {
        let result = try Self.suggest(Campaign(key: "gamma", name: "Gamma"))
        #expect(result.objective == .leads)
        #expect(result.inference == "nothing was recorded for it in 2026-10-01…2026-10-30; leads by default")
        #expect(result.suggestions.allSatisfy { $0.previous == nil && $0.target == nil })
        #expect(result.suggestions.allSatisfy { result.command(for: $0) == nil })
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.rendered(as: .json).utf8)) as? [String: Any])
        #expect(json["objective_inferred"] as? Bool == true)
        let rows = try #require(json["suggestions"] as? [[String: Any]])
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0["target"] is NSNull && $0["command"] is NSNull && $0["previous"] is NSNull })
    }

    @Test(arguments: [
        (GoalMetric.cpl, 512.34, GoalTarget.money(rub(46_100))),
        (.cac, 12345.67, .money(rub(1_110_000))),
        (.cpm, 0.5, .money(rub(45))),
        (.roas, 2.61, .decimal("2.87")),
        (.ctr, 0.0234, .decimal("0.0257")),
        (.leadRate, 0.003, .decimal("0.0033")),
        (.winRate, 0.95, .decimal("1")),
        (.er, 1.3, .decimal("1.43")),
        (.reach, 12345, .decimal("13600")),
        (.reach, 45, .decimal("50")),
        (.romi, -0.5, .decimal("-0.45")),
    ])
    func proposedTargetsAreTenPercentBetterToThreeFigures(metric: GoalMetric, previous: Double, expected: GoalTarget) {
        #expect(GoalSuggestions.proposedTarget(for: metric, previous: previous, currency: .rub) == expected)
    }

    @Test func zeroDecimalCurrencyAndZeroPrevious() throws {
        let jpy = try Currency(code: "JPY")
        #expect(
            GoalSuggestions.proposedTarget(for: .cpl, previous: 523, currency: jpy)
                == .money(Money(minorUnits: 471, currency: jpy)))
        #expect(GoalSuggestions.proposedTarget(for: .cpl, previous: 0, currency: .rub) == nil)
    }

    @Test func kpisPerObjective() {
        #expect(GoalSuggestions.kpis(for: .awareness) == [.reach, .cpm, .er])
        #expect(GoalSuggestions.kpis(for: .engagement) == [.er, .ctr, .cpc])
        #expect(GoalSuggestions.kpis(for: .leads) == [.cpl, .leadRate, .ctr])
        #expect(GoalSuggestions.kpis(for: .sales) == [.roas, .cac, .aov, .winRate])
    }
}
