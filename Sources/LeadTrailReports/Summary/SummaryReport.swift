public import LeadTrailCore

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
        /// The money the conclusion is about, in exact minor units: what a campaign to stop spent beyond what it
        /// returned (0 when it returned its spend), what a campaign to scale returned beyond its spend. Each list is
        /// sorted by it, largest first, then by campaign.
        public var atStake: Double
    }

    public var options: ReportOptions
    let roas: RoasReport
    let previous: RoasReport?
    let funnel: FunnelReport
    let trend: WeeklyTrend
    public var goals: [GoalLine]
    public var verdicts: [Verdict]
    /// Goals shown as "no rate" because their money needs an exchange rate that was never set; `report summary`
    /// prints the page, then fails with this line.
    public var missingGoalRates: GoalRatesMissing?
    /// Why the changes against the previous period are left out: a rate that period needs was never set (the
    /// period's own figures are complete). `report summary` says so on stderr after the page.
    public var missingPreviousRate: (period: String, missing: MissingExchangeRate)?

    /// The page's own line on why it shows no changes, so that an owner who gets the file by mail knows too.
    var previousLeftOutNote: String? {
        missingPreviousRate.map { "Changes against the previous period (\($0.period)) are left out: \($0.missing)" }
    }
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

    /// Every row of the ROAS report, `(none)` (touches without a campaign) included: the charts show its revenue.
    var rows: [CampaignFigures] {
        roas.rows.map { row in
            let spend = row.figures.exact.spend ?? 0
            return CampaignFigures(
                key: row.key, spend: spend, revenue: row.figures.exact.revenue,
                roas: ReportNumber.divide(row.figures.exact.revenue, by: spend))
        }
    }

    /// The campaigns: the rows without `(none)`, which no one can stop or scale.
    var campaigns: [CampaignFigures] { rows.filter { $0.key != ReportDimension.noneKey } }

    /// Nothing happened in the period: no spend, click, visit, lead, deal or revenue. The page then says so once
    /// instead of drawing empty tables and charts.
    public var isEmpty: Bool {
        let totals = roas.totals
        return roas.rows.isEmpty && (totals.spendMinor ?? 0) == 0 && (totals.clicks ?? 0) == 0
            && (totals.touches ?? 0) == 0 && totals.leadsMicro == 0 && totals.dealsMicro == 0 && totals.wonMicro == 0
            && totals.revenueMinor == 0 && (funnel.totals.touches ?? 0) == 0 && funnel.totals.leadsMicro == 0
    }

    /// What an empty period's page says, once.
    var nothingToShow: String {
        "Nothing to show for \(options.from)–\(options.to): no spend, visits, leads, deals or revenue in the period."
    }

    private mutating func conclude() {
        let totalSpend = roas.totals.exact.spend ?? 0
        let goalsByCampaign = Dictionary(grouping: goals.filter { $0.campaign != nil }, by: { $0.campaign ?? "" })
        for campaign in campaigns {
            var stopReasons: [String] = []
            let share = totalSpend > 0 ? campaign.spend / totalSpend : 0
            if let value = campaign.roas, value < 1, share >= Self.meaningfulSpendShare {
                stopReasons.append(
                    "ROAS \(returnText(value)) on \(moneyText(campaign.spend))\(Self.noBreak)\(options.currency.code) "
                        + "of spend (\(percentText(share)) of the period's)")
            }
            let own = goalsByCampaign[campaign.key] ?? []
            for goal in own where goal.costPerLeadOverTarget {
                stopReasons.append("CPL \(goal.actual) is over its goal of \(goal.target)")
            }
            let loss = max(campaign.spend - campaign.revenue, 0)
            if !stopReasons.isEmpty {
                // Without revenue the loss is the spend, which the ROAS line already says.
                if loss > 0 && campaign.revenue > 0 {
                    stopReasons.append("spent \(amountText(loss)) more than it returned")
                }
                stop.append(Conclusion(campaign: campaign.key, reasons: stopReasons, atStake: loss))
            }
            guard let value = campaign.roas, value > 1, stopReasons.isEmpty else { continue }
            let gain = campaign.revenue - campaign.spend
            let returned = "returned \(amountText(gain)) more than it cost"
            let onCourse = own.filter(\.onCourse)
            if !onCourse.isEmpty {
                scale.append(
                    Conclusion(
                        campaign: campaign.key,
                        reasons: onCourse.map {
                            "\($0.metric) \($0.actual) against a goal of \($0.target): \($0.status)"
                        }
                            + ["ROAS \(returnText(value))", returned], atStake: gain))
            } else if own.isEmpty {
                promising.append(
                    Conclusion(campaign: campaign.key, reasons: ["ROAS \(returnText(value))", returned], atStake: gain))
            }
        }
        stop.sort(by: Self.byMoneyAtStake)
        scale.sort(by: Self.byMoneyAtStake)
        promising.sort(by: Self.byMoneyAtStake)
    }

    /// The larger sum at stake first (to the kopeck, so that two sums printed alike tie), then the campaign key.
    static func byMoneyAtStake(_ first: Conclusion, _ second: Conclusion) -> Bool {
        let (a, b) = (first.atStake.rounded(), second.atStake.rounded())
        return a != b ? a > b : first.campaign < second.campaign
    }

    // MARK: Figures as text

    /// Between groups of thousands in every figure the summary prints (`12 345.00`), in the page and in the Markdown:
    /// a no-break space, so that a figure never breaks across lines. U+00A0 rather than the narrower U+202F because
    /// every font, chat and spreadsheet knows it, and Russian Excel reads it as its own group separator.
    static let noBreak: Character = "\u{00A0}"

    /// A plain number (`-12345.50`) with its thousands grouped by ``noBreak``.
    static func grouped(_ number: String) -> String {
        String(Listing.grouped(number).map { $0 == " " ? noBreak : $0 })
    }

    /// Text that holds figures already grouped with spaces (a goal's `5 000.00 RUB`), grouped by ``noBreak``
    /// instead: a space between a digit and three digits that end the group.
    static func unbrokenGroups(_ text: String) -> String {
        let characters = Array(text)
        var out = ""
        for (index, character) in characters.enumerated() {
            let isDigit = { (at: Int) in
                at >= 0 && at < characters.count && characters[at].isASCII && characters[at].isNumber
            }
            if character == " ", isDigit(index - 1), isDigit(index + 1), isDigit(index + 2), isDigit(index + 3),
                !isDigit(index + 4)
            {
                out.append(noBreak)
            } else {
                out.append(character)
            }
        }
        return out
    }

    func moneyText(_ minorUnits: Double) -> String {
        Self.grouped(ReportNumber.money(minorUnits, in: options.currency).plainText)
    }

    /// An amount with its currency: `29 222.77 RUB`, never broken across lines.
    func amountText(_ minorUnits: Double) -> String {
        moneyText(minorUnits) + String(Self.noBreak) + options.currency.code
    }

    func moneyText(minor: Int64) -> String {
        Self.grouped(ReportNumber.money(minor: minor, in: options.currency).plainText)
    }

    func countText(micro: Int64) -> String {
        Self.grouped(ReportNumber.count(micro: micro).plainText)
    }

    func returnText(_ value: Double) -> String {
        ReportNumber.forTable(ReportNumber.ratio(value), percent: false).plainText
    }

    func percentText(_ value: Double) -> String {
        ReportNumber.forTable(ReportNumber.ratio(value), percent: true).plainText
    }

    // MARK: Charts

    var spendRevenueChart: BarChart {
        BarChart(
            id: "spend-revenue", title: "Spend and revenue by campaign, \(options.currency.code)",
            series: [.init(name: "spend", color: "#c0504d"), .init(name: "revenue", color: "#4f81bd")],
            groups: rows.filter { $0.spend != 0 || $0.revenue != 0 }.map { campaign in
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

    /// Touches → leads → qualified → opportunity → won, for the whole period. Its last step counts the period's
    /// leads that were won, not the won deals of the headline (deals closed in the period, whenever their lead
    /// came): the labels say which.
    var funnelChart: BarChart {
        let totals = funnel.totals
        let steps: [(String, Double, String)] = [
            ("visits (touches)", Double(totals.touches ?? 0), Self.grouped(String(totals.touches ?? 0))),
            ("leads", Double(totals.leadsMicro), countText(micro: totals.leadsMicro)),
            ("leads qualified", Double(totals.qualifiedMicro), countText(micro: totals.qualifiedMicro)),
            ("leads at opportunity", Double(totals.opportunityMicro), countText(micro: totals.opportunityMicro)),
            ("leads won", Double(totals.wonMicro), countText(micro: totals.wonMicro)),
        ]
        // Touches are whole; the others are millionths: one scale for all.
        return BarChart(
            id: "funnel", title: "Funnel of the period's leads", series: [.init(name: "count", color: "#8064a2")],
            groups: steps.enumerated().map { index, step in
                .init(
                    label: step.0, values: [index == 0 ? step.1 * ReportNumber.countScale : step.1], captions: [step.2])
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
