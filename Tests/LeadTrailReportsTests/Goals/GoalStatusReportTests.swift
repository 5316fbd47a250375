import Foundation
import LeadTrailCore
import Testing

@testable import LeadTrailReports

/// `goal status` worked out by hand on a small October 2026 (UTC, RUB), judged on 2026-10-15: 15 of 31 days
/// elapsed, share 15/31 = 0.483871.
///
/// Through 10-15 (last non-direct):
/// - spend rows: alpha 10-01 10 000.00 ₽ (100 000 impressions, 50 000 reach, 1 000 clicks, 2 000 engagements),
///   beta 10-05 6 000.00 ₽ (20 000 impressions, 10 000 reach, 400 clicks, 1 000 engagements); alpha's 10-20 row
///   5 000.00 ₽ falls after the as-of day.
/// - leads: 1 (alpha, paid social), 2 (alpha, paid social), 3 (beta, paid social), 4 (alpha, email) → all 4,
///   alpha 3, beta 1, paid social 3, email 1.
/// - sales: lead 1 30 000.00 ₽ (alpha, paid social), lead 3 12 000.00 ₽ (beta, paid social) → won 2, revenue
///   42 000.00 ₽.
/// - touches: alpha 2 paid social + 1 email; beta 1 paid social + 1 organic social (a visitor who never asked).
///   Paid social is allotted 10 000 × 2/3 + 6 000 × 1/2 = 9 666.67 ₽ and 1 000 × 2/3 + 400 × 1/2 = 866.67 clicks;
///   email 10 000 × 1/3 = 3 333.33 ₽, 333.33 clicks, 33 333.33 impressions.
@Suite struct GoalStatusReportTests {
    static let asOf = Clock.date("2026-10-15")
    static let share = 15.0 / 31.0

    static var world: World {
        var world = World()
        world.platforms = ["alpha": .vk, "beta": .instagram]
        world.lead(1, at: Clock.at("2026-10-03T12:00:00Z"))
        world.lead(2, at: Clock.at("2026-10-08T12:00:00Z"))
        world.lead(3, at: Clock.at("2026-10-09T12:00:00Z"))
        world.lead(4, at: Clock.at("2026-10-06T12:00:00Z"))
        world.touch("v1", at: Clock.at("2026-10-02T10:00:00Z"), campaign: "alpha", channel: .paidSocial)
        world.touch("v2", at: Clock.at("2026-10-07T10:00:00Z"), campaign: "alpha", channel: .paidSocial)
        world.touch("v3", at: Clock.at("2026-10-04T10:00:00Z"), campaign: "beta", channel: .paidSocial)
        world.touch("v4", at: Clock.at("2026-10-06T10:00:00Z"), campaign: "alpha", channel: .email)
        world.touch("anon", at: Clock.at("2026-10-05T10:00:00Z"), campaign: "beta", channel: .organicSocial)
        world.sale(lead: 1, amount: rub(3_000_000), closedAt: Clock.at("2026-10-12T12:00:00Z"))
        world.sale(lead: 3, amount: rub(1_200_000), closedAt: Clock.at("2026-10-14T12:00:00Z"))
        world.spend = [
            Spend(
                date: Clock.date("2026-10-01"), campaign: "alpha", amount: rub(1_000_000), platform: nil,
                impressions: 100_000, reach: 50_000, clicks: 1_000, engagements: 2_000),
            Spend(
                date: Clock.date("2026-10-05"), campaign: "beta", amount: rub(600_000), platform: nil,
                impressions: 20_000, reach: 10_000, clicks: 400, engagements: 1_000),
            Spend(
                date: Clock.date("2026-10-20"), campaign: "alpha", amount: rub(500_000), platform: nil,
                impressions: 50_000, reach: 20_000, clicks: 500, engagements: 500),
        ]
        return world
    }

    /// Each campaign's touches per channel in the scope's period, as the store counts them.
    static func touchMix(_ world: World, _ scope: ReportScope) -> CampaignChannelTouches {
        var counts: [String: [Channel: Int]] = [:]
        for touch in world.touches where scope.contains(touch.at) {
            guard let campaign = Normalize.key(touch.campaign) else { continue }
            counts[campaign, default: [:]][touch.channel, default: 0] += 1
        }
        return CampaignChannelTouches(counts)
    }

    static func goal(
        _ id: Int64, _ metric: GoalMetric, _ target: String, _ scope: GoalScope = .all, from: String = "2026-10-01",
        to: String = "2026-10-31"
    ) -> Goal {
        Goal(
            id: id, metric: metric, target: try! GoalTarget.parse(target, for: metric, currency: .rub), scope: scope,
            from: Clock.date(from), to: Clock.date(to))
    }

    final class Calls: @unchecked Sendable {
        var loads: [ReportScope] = []
        var mixes = 0
    }

    static func evaluate(_ goals: [Goal], asOf: CalendarDate = asOf, world: World = world, calls: Calls = Calls())
        throws -> GoalStatusReport
    {
        try GoalStatusReport(
            goals: goals, asOf: asOf, timeZone: Clock.utc, timeZoneName: "UTC", baseCurrency: .rub,
            load: { scope in
                calls.loads.append(scope)
                return world.data(scope)
            },
            channelTouches: { scope in
                calls.mixes += 1
                return touchMix(world, scope)
            })
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var goal: Goal
        var actual: Double?
        var projection: Double?
        var elapsed: Double
        var status: GoalStatus
        var testDescription: String { "\(goal.metric.rawValue) \(goal.scope.text) \(goal.from)…\(goal.to)" }
    }

    static let cases: [Case] = [
        // Cost ratio, everything: 16 000 / 4 leads = 4 000.00 ≤ 4 500 → on track; a ratio projects as it stands.
        Case(goal: goal(1, .cpl, "4500"), actual: 4000, projection: 4000, elapsed: share, status: .onTrack),
        // Additive count, a campaign: alpha has 3 leads; 3 × 31/15 = 6.2 ≥ 5 → on track.
        Case(
            goal: goal(2, .leads, "5", .campaign("alpha")), actual: 3, projection: 6.2, elapsed: share, status: .onTrack
        ),
        // beta: 1 × 31/15 = 2.066667, short by 0.933 > 10% of 3 → off track.
        Case(
            goal: goal(3, .leads, "3", .campaign("beta")), actual: 1, projection: 2.066667, elapsed: share,
            status: .offTrack),
        // Revenue already past its target mid-period: met; projection 42 000 × 31/15 = 86 800.
        Case(goal: goal(4, .revenue, "40000"), actual: 42000, projection: 86800, elapsed: share, status: .met),
        // Spend as a budget: 16 000 × 31/15 = 33 066.67 over 31 000 by 2 066.67 ≤ 3 100 → at risk.
        Case(goal: goal(5, .spend, "31000"), actual: 16000, projection: 33066.67, elapsed: share, status: .atRisk),
        // Non-cost ratio on a campaign: alpha's ROAS 30 000 / 10 000 = 3, short of 3.2 by 0.2 ≤ 0.32 → at risk.
        Case(
            goal: goal(6, .roas, "3.2", .campaign("alpha")), actual: 3, projection: 3, elapsed: share, status: .atRisk),
        // Channel cost ratio with allotted spend: 966 666.67 kopecks / 3 leads = 3 222.22 > 3 000 by ≤ 300 → at risk.
        Case(
            goal: goal(7, .cpl, "3000", .channel(.paidSocial)), actual: 3222.22, projection: 3222.22, elapsed: share,
            status: .atRisk),
        // Channel rate from allotted delivery: 333.33 clicks / 33 333.33 impressions = 1%, equal to the target → on
        // track (compared as printed).
        Case(
            goal: goal(8, .ctr, "1%", .channel(.email)), actual: 0.01, projection: 0.01, elapsed: share,
            status: .onTrack),
        // A period that has ended (10-01…10-10, judged 10-15): all 4 leads → met.
        Case(goal: goal(9, .leads, "4", to: "2026-10-10"), actual: 4, projection: 4, elapsed: 1, status: .met),
        // Ended, a cost over its target: 16 000 / 4 = 4 000 > 3 000 → off track.
        Case(
            goal: goal(10, .cpl, "3000", to: "2026-10-10"), actual: 4000, projection: 4000, elapsed: 1,
            status: .offTrack),
        // Not started: November judged on October 15.
        Case(
            goal: goal(11, .leads, "10", from: "2026-11-01", to: "2026-11-30"), actual: nil, projection: nil,
            elapsed: 0, status: .notStarted),
        // No sale credited to email while it was allotted 3 333.33 ₽: its CAC is unbounded, so off track.
        Case(
            goal: goal(12, .cac, "1000", .channel(.email)), actual: nil, projection: nil, elapsed: share,
            status: .offTrack),
        // No spend and no sale on referral: its CAC is unknown, not unbounded → no data.
        Case(
            goal: goal(18, .cac, "1000", .channel(.referral)), actual: nil, projection: nil, elapsed: share,
            status: .noData),
        // Spend already over its budget mid-period: beta spent 6 000 of 5 000 → off track.
        Case(
            goal: goal(13, .spend, "5000", .campaign("beta")), actual: 6000, projection: 12400, elapsed: share,
            status: .offTrack),
        // Spend within budget: alpha 10 000 × 31/15 = 20 666.67 ≤ 25 000 → on track.
        Case(
            goal: goal(14, .spend, "25000", .campaign("alpha")), actual: 10000, projection: 20666.67, elapsed: share,
            status: .onTrack),
        // Cost ratio from the channel's delivery: 966 666.67 kopecks / 866.67 clicks = 1 115.38 kopecks = 11.15 ₽.
        Case(
            goal: goal(15, .cpc, "12", .channel(.paidSocial)), actual: 11.15, projection: 11.15, elapsed: share,
            status: .onTrack),
        // A campaign with no row at all has zero figures: additive 0, projected 0 → far off a target of 2.
        Case(
            goal: goal(16, .won, "2", .campaign("gamma")), actual: 0, projection: 0, elapsed: share, status: .offTrack),
        // Win rate on everything: 2 won / 4 leads = 0.5 ≥ 0.45 → on track.
        Case(goal: goal(17, .winRate, "45%"), actual: 0.5, projection: 0.5, elapsed: share, status: .onTrack),
    ]

    @Test(arguments: cases)
    func matchesTheHandComputation(_ expected: Case) throws {
        let report = try Self.evaluate([expected.goal])
        let row = try #require(report.rows.first)
        #expect(row.actual == expected.actual)
        #expect(row.projection == expected.projection.map { ($0 * 1_000_000).rounded() / 1_000_000 })
        #expect(abs(row.elapsedShare - expected.elapsed) < 1e-12)
        #expect(row.status == expected.status)
        #expect(row.goal == expected.goal)
    }

    @Test func allGoalsTogetherGiveTheSameRowsAndShareTheirLoads() throws {
        let calls = Calls()
        let report = try Self.evaluate(Self.cases.map(\.goal), calls: calls)
        #expect(report.rows.map(\.status) == Self.cases.map(\.status))
        #expect(report.rows.map(\.actual) == Self.cases.map(\.actual))
        // October through 10-15 by campaign and by channel, 10-01…10-10 by campaign; November is not loaded.
        #expect(calls.loads.count == 3)
        #expect(
            Set(calls.loads.map { "\($0.dimension.rawValue) \($0.from)…\($0.to)" }) == [
                "campaign 2026-10-01…2026-10-15", "channel 2026-10-01…2026-10-15", "campaign 2026-10-01…2026-10-10",
            ])
        #expect(calls.mixes == 1)
    }

    @Test func theActualIsWhatReportRoasPrints() throws {
        let options = reportOptions(to: "2026-10-15")
        let roas = try Self.world.roas(options)
        let json = roas.rendered(as: .json)
        let report = try Self.evaluate([Self.goal(1, .cpl, "4500"), Self.goal(2, .roas, "1")])
        #expect(json.contains("\"cpl\": 4000.00"))
        #expect(report.rows[0].output(report.rows[0].actual) == .decimal("4000.00"))
        #expect(json.contains("\"roas\": 2.625"))
        #expect(report.rows[1].actual == 2.625)
    }

    @Test func aMissingRateFailsNamingThePairAndDate() throws {
        var world = Self.world
        world.spend.append(
            Spend(
                date: Clock.date("2026-10-03"), campaign: "beta", amount: usd(10_000), platform: nil, impressions: 0,
                reach: 0, clicks: 0, engagements: 0))
        let report = try Self.evaluate([Self.goal(1, .spend, "100")], world: world)
        let row = try #require(report.rows.first)
        #expect(row.status == .noRate)
        #expect(row.actual == nil && row.projection == nil)
        let error = try #require(row.missingRate)
        #expect(error.from == .usd)
        #expect(error.to == .rub)
        #expect(error.date == Clock.date("2026-10-03"))
        #expect(
            report.missingRates?.description
                == "goal 1 could not be judged: no exchange rate USD→RUB on or before 2026-10-03 (set one: "
                + "leadtrail rate set USD RUB RATE --date 2026-10-03)")
    }

    /// One goal's missing rate leaves the others judged.
    @Test func aMissingRateMarksOnlyItsGoal() throws {
        let dollars = Goal(
            id: 2, metric: .revenue, target: .money(usd(50_000)), scope: .all, from: Clock.date("2026-10-01"),
            to: Clock.date("2026-10-31"))
        let report = try Self.evaluate([Self.goal(1, .cpl, "4500"), dollars, Self.goal(3, .leads, "4")])
        #expect(report.rows.map(\.status) == [.onTrack, .noRate, .met])
        #expect(report.rows[1].missingRate?.from == .rub)
        #expect(report.rows[1].missingRate?.to == .usd)
        #expect(report.missingRates?.goals == [2])
        let table = report.rendered(as: .table)
        #expect(
            table.split(separator: "\n").contains { line in
                line.trimmingCharacters(in: .whitespaces).hasPrefix("2 ") && line.hasSuffix("no rate")
            }, "\(table)")
        #expect(report.rendered(as: .csv).contains(",no_rate,RUB→USD on 2026-10-"))
    }

    @Test func moneyIsConvertedIntoTheGoalsCurrency() throws {
        var world = Self.world
        world.rate(.usd, .rub, 100, on: "2026-01-01")
        let goal = Goal(
            id: 1, metric: .cpl, target: .money(usd(4_500)), scope: .all, from: Clock.date("2026-10-01"),
            to: Clock.date("2026-10-31"))
        let row = try #require(try Self.evaluate([goal], world: world).rows.first)
        // 16 000 ₽ / 4 leads = 4 000 ₽ = 40.00 USD ≤ 45.00 USD.
        #expect(row.currency == .usd)
        #expect(row.actual == 40)
        #expect(row.status == .onTrack)
        #expect(row.formatted(row.actual) == "40.00 USD")
    }

    @Test func renderedAsJSON() throws {
        let report = try Self.evaluate([
            Self.goal(7, .cpl, "3000", .channel(.paidSocial)),
            Self.goal(11, .leads, "10", from: "2026-11-01", to: "2026-11-30"),
        ])
        let text = report.rendered(as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["report"] as? String == "goal_status")
        #expect(object["as_of"] as? String == "2026-10-15")
        #expect(object["model"] as? String == "last_non_direct")
        let goals = try #require(object["goals"] as? [[String: Any]])
        #expect(goals.count == 2)
        #expect(goals[0]["scope"] as? String == "channel")
        #expect(goals[0]["key"] as? String == "paid_social")
        #expect(goals[0]["currency"] as? String == "RUB")
        #expect(goals[0]["status"] as? String == "at_risk")
        #expect(goals[0]["through"] as? String == "2026-10-15")
        #expect(text.contains("\"target\": 3000.00"))
        #expect(text.contains("\"actual\": 3222.22"))
        #expect(text.contains("\"elapsed_share\": 0.483871"))
        #expect(goals[1]["actual"] is NSNull)
        #expect(goals[1]["projection"] is NSNull)
        #expect(goals[1]["through"] is NSNull)
        #expect(goals[1]["status"] as? String == "not_started")
    }

    @Test func renderedAsTableAndCSV() throws {
        let report = try Self.evaluate([Self.goal(12, .cac, "1000", .channel(.email)), Self.goal(17, .winRate, "45%")])
        let table = report.rendered(as: .table)
        #expect(table.hasPrefix("Goals as of 2026-10-15 · UTC · last_non_direct model\n"))
        let lines = table.split(separator: "\n").map(String.init)
        let cac = try #require(lines.first { $0.hasPrefix("12") })
        #expect(cac.contains("channel email"))
        #expect(cac.contains("≤ 1 000.00 RUB"))
        #expect(cac.contains("∞"))
        #expect(cac.hasSuffix("off track"))
        let rate = try #require(lines.first { $0.hasPrefix("17") })
        #expect(rate.contains("≥ 45%"))
        #expect(rate.contains(" 50%"))
        #expect(rate.contains("48.4%"))
        #expect(rate.hasSuffix("on track"))
        let csv = report.rendered(as: .csv).split(separator: "\n").map(String.init)
        #expect(
            csv[0]
                == "id,metric,direction,scope,key,from,to,through,currency,target,actual,elapsed_share,projection,status,"
                + "missing_rate")
        #expect(
            csv[1] == "12,cac,at_most,channel,email,2026-10-01,2026-10-31,2026-10-15,RUB,1000.00,,0.483871,,off_track,")
        #expect(
            csv[2] == "17,win_rate,at_least,all,,2026-10-01,2026-10-31,2026-10-15,,0.45,0.5,0.483871,0.5,on_track,")
    }
}
