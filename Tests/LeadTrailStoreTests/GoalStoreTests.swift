import Foundation
import GRDB
import LeadTrailCore
import LeadTrailStore
import Testing

/// Goals in the store: stored exactly, listed by number, removed by number, and checked against campaigns.
@Suite struct GoalStoreTests {
    static let october = (from: try! CalendarDate(parsing: "2026-10-01"), to: try! CalendarDate(parsing: "2026-10-31"))

    static func goal(_ metric: GoalMetric, _ target: GoalTarget, _ scope: GoalScope = .all) -> Goal {
        Goal(metric: metric, target: target, scope: scope, from: october.from, to: october.to)
    }

    @Test func addListRemove() throws {
        try TemporaryStore.with { store in
            try store.addCampaign(Campaign(key: "black_friday", name: "Black Friday"))
            let cpl = try store.addGoal(
                Self.goal(.cpl, .money(Money(minorUnits: 45_000, currency: .rub)), .campaign(" Black_Friday ")))
            let ctr = try store.addGoal(Self.goal(.ctr, .decimal("0.05"), .channel(.paidSocial)))
            let revenue = try store.addGoal(Self.goal(.revenue, .money(Money(minorUnits: 100, currency: .usd))))
            #expect([cpl.id, ctr.id, revenue.id] == [1, 2, 3])
            #expect(cpl.scope == .campaign("black_friday"), "the campaign key is stored normalised")
            #expect(try store.goals() == [cpl, ctr, revenue])
            #expect(try store.removeGoal(id: 2) == ctr)
            #expect(try store.goals() == [cpl, revenue])
        }
    }

    @Test func anUnknownCampaignOrGoalIsRefusedAndNothingIsWritten() throws {
        try TemporaryStore.with { store, file in
            #expect(throws: StoreError.unknownCampaign("nope")) {
                try store.addGoal(Self.goal(.leads, .decimal("10"), .campaign("nope")))
            }
            #expect(throws: GoalError.unknownGoal(7)) { try store.removeGoal(id: 7) }
            #expect(try store.goals().isEmpty)
            let rows = try DatabaseQueue(path: file.path).read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM goal")
            }
            #expect(rows == 0)
        }
    }

    @Test func theSchemaRefusesInconsistentRows() throws {
        try TemporaryStore.with { _, file in
            let queue = try DatabaseQueue(path: file.path)
            let insert = """
                INSERT INTO goal (metric, target_minor, currency, target_decimal, campaign, channel, starts_on, ends_on,
                                  created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)
                """
            let bad: [StatementArguments] = [
                ["cpa", nil, nil, "1", nil, nil, "2026-10-01", "2026-10-31"],  // unknown metric
                ["cpl", 100, "RUB", "1", nil, nil, "2026-10-01", "2026-10-31"],  // both kinds of target
                ["cpl", 100, nil, nil, nil, nil, "2026-10-01", "2026-10-31"],  // money without a currency
                ["cpl", 100, "RUB", nil, "a", "email", "2026-10-01", "2026-10-31"],  // campaign and channel
                ["cpl", 100, "RUB", nil, nil, "tv", "2026-10-01", "2026-10-31"],  // unknown channel
                ["cpl", 100, "RUB", nil, nil, nil, "2026-11-01", "2026-10-31"],  // from after to
            ]
            for arguments in bad {
                #expect(throws: DatabaseError.self, "\(arguments)") {
                    try queue.write { db in try db.execute(sql: insert, arguments: arguments) }
                }
            }
        }
    }

    @Test func touchesPerCampaignAndChannelInThePeriod() throws {
        try TemporaryStore.with { store in
            let utc = TimeZone(identifier: "UTC")!
            func touch(_ key: String, _ at: String, campaign: String?, channel: Channel) throws {
                try store.addTouch(
                    Touch(
                        key: key, at: try Timestamp.parse(at, timeZone: utc), visitor: "v-\(key)",
                        utm: UTM(source: "vk", medium: "cpc", campaign: campaign), channel: channel))
            }
            try touch("1", "2026-10-01T00:00:00Z", campaign: "alpha", channel: .paidSocial)
            try touch("2", "2026-10-05T10:00:00Z", campaign: "Alpha", channel: .paidSocial)
            try touch("3", "2026-10-06T10:00:00Z", campaign: "alpha", channel: .email)
            try touch("4", "2026-10-07T10:00:00Z", campaign: "beta", channel: .organicSocial)
            try touch("5", "2026-10-07T11:00:00Z", campaign: nil, channel: .direct)
            try touch("6", "2026-10-16T00:00:00Z", campaign: "alpha", channel: .email)  // after the period
            try touch("7", "2026-09-30T23:59:59Z", campaign: "alpha", channel: .email)  // before it
            let scope = ReportScope(
                dimension: .channel, from: Self.october.from, to: try CalendarDate(parsing: "2026-10-15"),
                timeZone: utc, lookbackDays: 90, needsPeriodTouches: false)
            let mix = try store.campaignChannelTouches(scope)
            #expect(mix.counts == ["alpha": [.paidSocial: 2, .email: 1], "beta": [.organicSocial: 1]])
        }
    }
}
