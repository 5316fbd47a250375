public import Foundation
public import LeadTrailCore

extension SummaryReport {
    /// The summary of `options`' period exactly as `report summary` and the server's dashboard build it: ROAS and
    /// the funnel by campaign, the previous period's ROAS for the headline's changes, the weekly trend, the goals
    /// whose period overlaps (judged on the period's last day or `today`, whichever is earlier) and every A/B verdict.
    ///
    /// - Parameters:
    ///   - baseCurrency: the configured currency goals without their own are set in.
    ///   - goals: every goal of the store; those outside the period are left out here.
    ///   - load: what the store loads for a report scope (`store.reportData`); the summary's own loads are refused
    ///     with ``ReportSumError`` when their sums would leave the exact range.
    ///   - channelTouches: `store.campaignChannelTouches`, for channel goals.
    public static func assemble(
        options given: ReportOptions, today: CalendarDate, baseCurrency: Currency, goals: [Goal],
        load: (ReportScope) throws -> ReportData, channelTouches: (ReportScope) throws -> CampaignChannelTouches
    ) throws -> SummaryReport {
        var options = given
        options.dimension = .campaign
        func checked(_ scope: ReportScope) throws -> ReportData {
            let data = try load(scope)
            try data.checkSums(in: options.currency, timeZone: options.timeZone)
            return data
        }
        let data = try checked(RoasReport.scope(for: options))
        let roas = try RoasReport(data: data, options: options)
        let funnel = try FunnelReport(data: data, options: options)
        var earlier = options
        (earlier.from, earlier.to) = ComparisonPeriod.previous.period(from: options.from, to: options.to)
        // The previous period is only the headline's changes: a rate missing there leaves them out, not the page.
        var previous: RoasReport?
        var missingPreviousRate: MissingExchangeRate?
        do {
            previous = try RoasReport(data: checked(RoasReport.scope(for: earlier)), options: earlier)
        } catch let missing as MissingExchangeRate {
            missingPreviousRate = missing
        }
        let trend = try WeeklyTrend(data: checked(WeeklyTrend.scope(for: options)), options: options)
        let (goalLines, missingRates) = try goalLines(
            goals.filter { $0.from <= options.to && $0.to >= options.from }, options: options, today: today,
            baseCurrency: baseCurrency, load: load, channelTouches: channelTouches)
        let verdicts = try verdicts(options: options, campaigns: roas.rows.map(\.key), load: checked)
        var summary = SummaryReport(
            options: options, roas: roas, previous: previous, funnel: funnel, trend: trend, goals: goalLines,
            verdicts: verdicts)
        summary.missingGoalRates = missingRates
        summary.missingPreviousRate = missingPreviousRate.map { ("\(earlier.from) … \(earlier.to)", $0) }
        return summary
    }

    /// The goals judged as `goal status` does on the report's last day or today, whichever is earlier, under the
    /// report's model, and the goals left unjudged for want of an exchange rate.
    static func goalLines(
        _ goals: [Goal], options: ReportOptions, today: CalendarDate, baseCurrency: Currency,
        load: (ReportScope) throws -> ReportData, channelTouches: (ReportScope) throws -> CampaignChannelTouches
    ) throws -> ([GoalLine], GoalRatesMissing?) {
        guard !goals.isEmpty else { return ([], nil) }
        let status = try GoalStatusReport(
            goals: goals, asOf: min(today, options.to), timeZone: options.timeZone,
            timeZoneName: options.timeZoneName, baseCurrency: baseCurrency, model: options.model, load: load,
            channelTouches: channelTouches)
        let lines = status.rows.map { row in
            var campaign: String?
            if case .campaign(let key) = row.goal.scope { campaign = key }
            return GoalLine(
                metric: row.metric.rawValue, scope: row.scopeText, campaign: campaign,
                target: unbrokenGroups(row.formatted(row.target)), actual: unbrokenGroups(row.formattedActual),
                projection: unbrokenGroups(row.formattedProjection), elapsed: row.elapsedShare,
                status: row.status.displayText,
                onCourse: row.status == .met || row.status == .onTrack,
                costPerLeadOverTarget: row.metric == .cpl && (row.unbounded || (row.actual ?? -.infinity) > row.target))
        }
        return (lines, status.missingRates)
    }

    /// Every pair of creatives (`utm_content`) of each campaign with two or more of them clicked in the period, as
    /// `report abtest --by content` judges them at 95%; touches without a creative are left out. The pairs that
    /// only say "not enough data" make one line per campaign, after its decided pairs (``undecidedLine(_:of:)``).
    static func verdicts(
        options: ReportOptions, campaigns: [String], load: (ReportScope) throws -> ReportData
    ) throws -> [Verdict] {
        var byContent = options
        byContent.dimension = .content
        var verdicts: [Verdict] = []
        // One load of the period, cut into each campaign's test.
        let split = try load(ABTestReport.splitScope(for: byContent))
        for campaign in campaigns where campaign != ReportDimension.noneKey {
            let test = try ABTestReport(
                data: ABTestReport.data(split, of: campaign), options: byContent, campaign: campaign)
            let clicked = Set(test.variants.filter { $0.clicks > 0 && $0.key != ReportDimension.noneKey }.map(\.key))
            guard clicked.count >= 2 else { continue }
            let tested = test.pairs.filter { clicked.contains($0.a) && clicked.contains($0.b) }
            var undecided: [ABTestReport.Pair] = []
            for pair in tested {
                guard !pair.verdict.hasPrefix(undecidedPrefix) else {
                    undecided.append(pair)
                    continue
                }
                verdicts.append(
                    Verdict(
                        campaign: campaign, text: "\(pair.a) vs \(pair.b): \(pair.verdict)",
                        significant: pair.isSignificant))
            }
            if let line = undecidedLine(undecided, of: tested.count) {
                verdicts.append(Verdict(campaign: campaign, text: line, significant: false))
            }
        }
        return verdicts
    }

    /// How `report abtest` begins the verdict of a pair that needs more data.
    static let undecidedPrefix = "not enough data: "

    /// One campaign's pairs that need more data, as one line: the one pair as `report abtest` words it (its number
    /// grouped), or how many pairs of the `total` tested and the range of visits per variant they still need, then
    /// those that cannot say (no leads yet). Nil without such pairs.
    static func undecidedLine(_ pairs: [ABTestReport.Pair], of total: Int) -> String? {
        func needed(_ pair: ABTestReport.Pair) -> Int64? { pair.moreClicksNeeded.flatMap { $0 > 0 ? $0 : nil } }
        guard let first = pairs.first else { return nil }
        guard pairs.count > 1 else {
            let reason =
                needed(first).map { "about \(grouped(String($0))) more visits per variant" }
                ?? String(first.verdict.dropFirst(undecidedPrefix.count))
            return "\(first.a) vs \(first.b): not enough data: \(reason)"
        }
        var parts: [String] = []
        let numbers = pairs.compactMap(needed)
        if let low = numbers.min(), let high = numbers.max() {
            let range = low == high ? grouped(String(low)) : "\(grouped(String(low)))–\(grouped(String(high)))"
            let verb = numbers.count == 1 ? "needs" : "need"
            parts.append("\(numbers.count) \(verb) about \(range) more visits per variant")
        }
        var reasons: [(reason: String, count: Int)] = []
        for pair in pairs where needed(pair) == nil {
            let reason = String(pair.verdict.dropFirst(undecidedPrefix.count))
            if let index = reasons.firstIndex(where: { $0.reason == reason }) {
                reasons[index].count += 1
            } else {
                reasons.append((reason, 1))
            }
        }
        for (reason, count) in reasons {
            parts.append(
                reason == "no leads in either variant yet"
                    ? "\(count) \(count == 1 ? "has" : "have") no leads in either variant yet" : "\(count): \(reason)")
        }
        let scope = pairs.count == total ? "any of the \(total)" : "\(pairs.count) of the \(total)"
        return "not enough data in \(scope) pairs of creatives: " + parts.joined(separator: "; ")
    }
}
