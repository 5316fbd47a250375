import LeadTrailCore
import Testing

@Suite struct GoalMetricTests {
    @Test func everyMetricOfTheSpecIsKnown() {
        #expect(
            GoalMetric.allCases.map(\.rawValue) == [
                "spend", "impressions", "reach", "clicks", "engagements", "leads", "deals", "won", "revenue",
                "ctr", "cpc", "cpm", "er", "cpl", "cac", "roas", "romi", "aov", "lead_rate", "win_rate",
            ])
    }

    @Test func costsAreMetAtOrBelowTheTarget() {
        #expect(GoalMetric.allCases.filter(\.isCost) == [.spend, .cpc, .cpm, .cpl, .cac])
    }

    @Test func moneyMetrics() {
        #expect(GoalMetric.allCases.filter(\.isMoney) == [.spend, .revenue, .cpc, .cpm, .cpl, .cac, .aov])
    }

    @Test func additiveMetricsAreTheBaseFigures() {
        #expect(
            GoalMetric.allCases.filter(\.isAdditive) == [
                .spend, .impressions, .reach, .clicks, .engagements, .leads, .deals, .won, .revenue,
            ])
        #expect(GoalMetric.allCases.filter(\.acceptsPercent) == [.ctr, .er, .roas, .romi, .leadRate, .winRate])
    }

    @Test(arguments: [("CPL", GoalMetric.cpl), (" lead-rate ", .leadRate), ("win_rate", .winRate), ("ROAS", .roas)])
    func parsesAsUsersWriteIt(text: String, metric: GoalMetric) throws {
        #expect(try GoalMetric(parsing: text) == metric)
    }

    @Test func anUnknownMetricListsTheValidOnes() {
        #expect(throws: GoalError.unknownMetric("cpa")) { try GoalMetric(parsing: "cpa") }
        let text = GoalError.unknownMetric("cpa").description
        #expect(text.hasPrefix("--metric: unknown metric 'cpa'"))
        for metric in GoalMetric.allCases { #expect(text.contains(metric.rawValue)) }
    }

    @Test func scopeText() {
        #expect(GoalScope.all.text == "all")
        #expect(GoalScope.campaign("black_friday").text == "campaign black_friday")
        #expect(GoalScope.channel(.paidSocial).text == "channel paid_social")
        #expect(GoalScope.channel(.paidSocial).key == "paid_social")
    }

    @Test func channelShareOfACampaignsTouches() {
        let mix = CampaignChannelTouches(["alpha": [.paidSocial: 2, .email: 1], "empty": [:]])
        #expect(mix.share(of: .paidSocial, inCampaign: "alpha") == 2.0 / 3)
        #expect(mix.share(of: .display, inCampaign: "alpha") == 0)
        #expect(mix.share(of: .paidSocial, inCampaign: "beta") == nil)
        #expect(mix.share(of: .paidSocial, inCampaign: "empty") == nil)
    }
}
