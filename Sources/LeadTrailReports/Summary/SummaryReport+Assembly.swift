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
        let previous = try RoasReport(data: checked(RoasReport.scope(for: earlier)), options: earlier)
        let trend = try WeeklyTrend(data: checked(WeeklyTrend.scope(for: options)), options: options)
        let goalLines = try goalLines(
            goals.filter { $0.from <= options.to && $0.to >= options.from }, options: options, today: today,
            baseCurrency: baseCurrency, load: load, channelTouches: channelTouches)
        let verdicts = try verdicts(options: options, campaigns: roas.rows.map(\.key), load: checked)
        return SummaryReport(
            options: options, roas: roas, previous: previous, funnel: funnel, trend: trend, goals: goalLines,
            verdicts: verdicts)
    }

    /// The goals judged as `goal status` does on the report's last day or today, whichever is earlier, under the
    /// report's model.
    static func goalLines(
        _ goals: [Goal], options: ReportOptions, today: CalendarDate, baseCurrency: Currency,
        load: (ReportScope) throws -> ReportData, channelTouches: (ReportScope) throws -> CampaignChannelTouches
    ) throws -> [GoalLine] {
        guard !goals.isEmpty else { return [] }
        let status = try GoalStatusReport(
            goals: goals, asOf: min(today, options.to), timeZone: options.timeZone,
            timeZoneName: options.timeZoneName, baseCurrency: baseCurrency, model: options.model, load: load,
            channelTouches: channelTouches)
        return status.rows.map { row in
            var campaign: String?
            if case .campaign(let key) = row.goal.scope { campaign = key }
            return GoalLine(
                metric: row.metric.rawValue, scope: row.scopeText, campaign: campaign,
                target: row.formatted(row.target), actual: row.formatted(row.actual),
                projection: row.formatted(row.projection), elapsed: row.elapsedShare, status: row.status.displayText,
                onCourse: row.status == .met || row.status == .onTrack,
                costPerLeadOverTarget: row.metric == .cpl && (row.actual ?? -.infinity) > row.target)
        }
    }

    /// Every pair of creatives (`utm_content`) of each campaign with two or more of them clicked in the period, as
    /// `report abtest --by content` judges them at 95%; touches without a creative are left out.
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
            for pair in test.pairs where clicked.contains(pair.a) && clicked.contains(pair.b) {
                verdicts.append(
                    Verdict(
                        campaign: campaign, text: "\(pair.a) vs \(pair.b): \(pair.verdict)",
                        significant: pair.isSignificant))
            }
        }
        return verdicts
    }
}
