import LeadTrailCore

/// `report summary`: the page an owner reads — spend against revenue by campaign, ROAS, the funnel, the weekly trend,
/// goal status and written conclusions (what to stop, what to scale, which creative won) — as one self-contained
/// HTML file or as Markdown for a chat.
public struct SummaryReport: Sendable {
    /// A goal as the summary shows it, already evaluated.
    public struct GoalLine: Sendable {
        public var metric: String
        public var scope: String
        /// The campaign key of a campaign goal, nil for goals on everything or a channel.
        public var campaign: String?
        public var target: String
        public var actual: String
        public var projection: String
        /// The share of the goal's period elapsed, 0…1.
        public var elapsed: Double
        public var status: String
        /// Met or on track.
        public var onCourse: Bool
        /// A cost per lead over its target: a campaign to stop or fix.
        public var costPerLeadOverTarget: Bool

        public init(
            metric: String, scope: String, campaign: String?, target: String, actual: String, projection: String,
            elapsed: Double, status: String, onCourse: Bool, costPerLeadOverTarget: Bool
        ) {
            self.metric = metric
            self.scope = scope
            self.campaign = campaign
            self.target = target
            self.actual = actual
            self.projection = projection
            self.elapsed = elapsed
            self.status = status
            self.onCourse = onCourse
            self.costPerLeadOverTarget = costPerLeadOverTarget
        }
    }

    /// One pair of one campaign's A/B test.
    public struct Verdict: Sendable {
        public var campaign: String
        public var text: String
        public var significant: Bool

        public init(campaign: String, text: String, significant: Bool) {
            self.campaign = campaign
            self.text = text
            self.significant = significant
        }
    }

    /// A written conclusion about one campaign.
    public struct Conclusion: Sendable, Equatable {
        public var campaign: String
        public var reasons: [String]
    }

    public var options: ReportOptions
    let roas: RoasReport
    let previous: RoasReport?
    let funnel: FunnelReport
    let trend: WeeklyTrend
    public var goals: [GoalLine]
    public var verdicts: [Verdict]
    /// Campaigns to stop or rework: ROAS under 1 on meaningful spend, or a cost per lead over its goal.
    public var stop: [Conclusion] = []
    /// Campaigns to scale: on course for a goal of theirs with ROAS over 1.
    public var scale: [Conclusion] = []
    /// Campaigns returning more than they cost that have no goal to be judged by.
    public var promising: [Conclusion] = []

    /// A campaign's spend is meaningful from this share of the period's spend.
    public static let meaningfulSpendShare = 0.05

    /// `roas` and `funnel` by campaign over the period, `previous` the same ROAS report over the period before (for
    /// the headline's changes), `trend` by week.
    public init(
        options: ReportOptions, roas: RoasReport, previous: RoasReport?, funnel: FunnelReport, trend: WeeklyTrend,
        goals: [GoalLine], verdicts: [Verdict]
    ) {
        self.options = options
        self.roas = roas
        self.previous = previous
        self.funnel = funnel
        self.trend = trend
        self.goals = goals
        self.verdicts = verdicts
        conclude()
    }

    /// A campaign row with its exact spend and return.
    struct CampaignFigures {
        var key: String
        var spend: Double
        var revenue: Double
        var roas: Double?
    }

    var campaigns: [CampaignFigures] {
        roas.rows.filter { $0.key != ReportDimension.noneKey }.map { row in
            let spend = row.figures.exact.spend ?? 0
            return CampaignFigures(
                key: row.key, spend: spend, revenue: row.figures.exact.revenue,
                roas: ReportNumber.divide(row.figures.exact.revenue, by: spend))
        }
    }

    private mutating func conclude() {
        let totalSpend = roas.totals.exact.spend ?? 0
        let goalsByCampaign = Dictionary(grouping: goals.filter { $0.campaign != nil }, by: { $0.campaign ?? "" })
        for campaign in campaigns {
            var stopReasons: [String] = []
            let share = totalSpend > 0 ? campaign.spend / totalSpend : 0
            if let value = campaign.roas, value < 1, share >= Self.meaningfulSpendShare {
                stopReasons.append(
                    "ROAS \(returnText(value)) on \(moneyText(campaign.spend)) \(options.currency.code) of spend "
                        + "(\(percentText(share)) of the period's)")
            }
            let own = goalsByCampaign[campaign.key] ?? []
            for goal in own where goal.costPerLeadOverTarget {
                stopReasons.append("CPL \(goal.actual) is over its goal of \(goal.target)")
            }
            if !stopReasons.isEmpty { stop.append(Conclusion(campaign: campaign.key, reasons: stopReasons)) }
            guard let value = campaign.roas, value > 1, stopReasons.isEmpty else { continue }
            let onCourse = own.filter(\.onCourse)
            if !onCourse.isEmpty {
                scale.append(
                    Conclusion(
                        campaign: campaign.key,
                        reasons: onCourse.map { "\($0.metric) \($0.actual) against a goal of \($0.target): \($0.status)" }
                            + ["ROAS \(returnText(value))"]))
            } else if own.isEmpty {
                promising.append(Conclusion(campaign: campaign.key, reasons: ["ROAS \(returnText(value))"]))
            }
        }
    }

    // MARK: Figures as text

    func moneyText(_ minorUnits: Double) -> String {
        Listing.grouped(ReportNumber.money(minorUnits, in: options.currency).plainText)
    }

    func moneyText(minor: Int64) -> String {
        Listing.grouped(ReportNumber.money(minor: minor, in: options.currency).plainText)
    }

    func countText(micro: Int64) -> String {
        Listing.grouped(ReportNumber.count(micro: micro).plainText)
    }

    func returnText(_ value: Double) -> String {
        ReportNumber.forTable(ReportNumber.ratio(value), percent: false).plainText
    }

    func percentText(_ value: Double) -> String {
        ReportNumber.forTable(ReportNumber.ratio(value), percent: true).plainText
    }

    /// The headline: the period's totals, each with its change against the period before when there is one.
    var headline: [(name: String, value: String, change: String?)] {
        let now = Dictionary(roas.fields(roas.totals), uniquingKeysWith: { first, _ in first })
        let before = previous.map { Dictionary($0.fields($0.totals), uniquingKeysWith: { first, _ in first }) }
        let shown: [(String, String)] = [
            ("spend", "Spend"), ("leads", "Leads"), ("cpl", "CPL"), ("won", "Won deals"), ("revenue", "Revenue"),
            ("roas", "ROAS"), ("romi", "ROMI"),
        ]
        return shown.map { field, name in
            let value = now[field] ?? .null
            let text = Listing.grouped(ReportNumber.forTable(value, column: field).plainText)
            let change = before.map { FigureChange(current: value, previous: $0[field] ?? .null).percent }
                .map { ComparedReport.signed(ReportNumber.forTable($0, percent: true)) }
            return (name, value == .null ? "—" : text, change.map { $0 == .null ? "—" : $0.plainText })
        }
    }

    // MARK: Charts

    var spendRevenueChart: BarChart {
        BarChart(
            id: "spend-revenue", title: "Spend and revenue by campaign, \(options.currency.code)",
            series: [.init(name: "spend", color: "#c0504d"), .init(name: "revenue", color: "#4f81bd")],
            groups: campaigns.filter { $0.spend != 0 || $0.revenue != 0 }.map { campaign in
                .init(
                    label: campaign.key, values: [campaign.spend / 100, campaign.revenue / 100],
                    captions: [moneyText(campaign.spend), moneyText(campaign.revenue)])
            })
    }

    var roasChart: BarChart {
        BarChart(
            id: "roas", title: "ROAS by campaign (revenue ÷ spend)",
            series: [.init(name: "roas", color: "#9bbb59")],
            groups: campaigns.compactMap { campaign in
                campaign.roas.map { .init(label: campaign.key, values: [$0], captions: [returnText($0)]) }
            },
            reference: (1, "1.00: spend returned"))
    }

    /// Touches → leads → qualified → opportunity → won, for the whole period.
    var funnelChart: BarChart {
        let totals = funnel.totals
        let steps: [(String, Double, String)] = [
            ("visits (touches)", Double(totals.touches ?? 0), Listing.grouped(String(totals.touches ?? 0))),
            ("leads", Double(totals.leadsMicro), countText(micro: totals.leadsMicro)),
            ("qualified", Double(totals.qualifiedMicro), countText(micro: totals.qualifiedMicro)),
            ("opportunity", Double(totals.opportunityMicro), countText(micro: totals.opportunityMicro)),
            ("won", Double(totals.wonMicro), countText(micro: totals.wonMicro)),
        ]
        // Touches are whole; the others are millionths: one scale for all.
        return BarChart(
            id: "funnel", title: "Funnel", series: [.init(name: "count", color: "#8064a2")],
            groups: steps.enumerated().map { index, step in
                .init(label: step.0, values: [index == 0 ? step.1 * ReportNumber.countScale : step.1], captions: [step.2])
            })
    }

    var trendChart: BarChart {
        BarChart(
            id: "weekly-trend", title: "Spend and revenue by week, \(options.currency.code)",
            series: [.init(name: "spend", color: "#c0504d"), .init(name: "revenue", color: "#4f81bd")],
            groups: trend.weeks.map { week in
                .init(
                    label: week.key, values: [Double(week.spendMinor) / 100, Double(week.revenueMinor) / 100],
                    captions: [moneyText(minor: week.spendMinor), moneyText(minor: week.revenueMinor)])
            })
    }
}
