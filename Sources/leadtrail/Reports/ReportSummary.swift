public import ArgumentParser
import LeadTrailCore
public import LeadTrailReports
import LeadTrailStore

extension SummaryReport.Format: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "html", "htm": self = .html
        case "md", "markdown": self = .md
        default: return nil
        }
    }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// `leadtrail report summary`: the owner's page, as one HTML file or Markdown.
struct ReportSummary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "One self-contained HTML page (or Markdown) with charts, goal status and conclusions.",
        discussion: "Save it with `> summary.html`; it needs no network to open.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var report: ReportArguments
    @Option(help: "html (one self-contained file) or md (Markdown, for a chat).")
    var format: SummaryReport.Format = .html

    func validate() throws {
        try report.refuse(unusedBy: "report summary", uses: [.model, .currency, .lookbackDays, .halfLifeDays])
    }

    func run() throws {
        let run = try ReportRun(store, report)
        var options = run.options
        options.dimension = .campaign
        let data = try run.data(RoasReport.scope(for: options))
        let roas = try RoasReport(data: data, options: options)
        let funnel = try FunnelReport(data: data, options: options)
        let earlier = run.options(comparedWith: .previous)
        var earlierByCampaign = earlier
        earlierByCampaign.dimension = .campaign
        let previous = try RoasReport(data: run.data(RoasReport.scope(for: earlierByCampaign)), options: earlierByCampaign)
        let trend = try WeeklyTrend(data: run.data(WeeklyTrend.scope(for: options)), options: options)
        let summary = SummaryReport(
            options: options, roas: roas, previous: previous, funnel: funnel, trend: trend,
            goals: try SummaryInputs.goals(run, options: options),
            verdicts: try SummaryInputs.verdicts(run, options: options, campaigns: roas.rows.map(\.key)))
        emit(summary.rendered(as: format))
    }
}

/// The goal status and A/B verdicts a summary shows, from their own reports.
enum SummaryInputs {
    /// The goals whose period overlaps the report's, judged as `goal status` does on the report's last day or
    /// today, whichever is earlier, under the report's model.
    static func goals(_ run: ReportRun, options: ReportOptions) throws -> [SummaryReport.GoalLine] {
        let store = run.session.store
        let settings = run.session.settings
        let goals = try store.goals().filter { $0.from <= options.to && $0.to >= options.from }
        guard !goals.isEmpty else { return [] }
        let today = Timestamp.now().calendarDate(in: settings.timeZone)
        let status = try GoalStatusReport(
            goals: goals, asOf: min(today, options.to), timeZone: settings.timeZone,
            timeZoneName: settings.timeZoneName, baseCurrency: settings.currency, model: options.model,
            load: store.reportData, channelTouches: store.campaignChannelTouches)
        return status.rows.map { row in
            var campaign: String?
            if case .campaign(let key) = row.goal.scope { campaign = key }
            return SummaryReport.GoalLine(
                metric: row.metric.rawValue, scope: row.scopeText, campaign: campaign,
                target: row.formatted(row.target), actual: row.formatted(row.actual),
                projection: row.formatted(row.projection), elapsed: row.elapsedShare, status: row.status.displayText,
                onCourse: row.status == .met || row.status == .onTrack,
                costPerLeadOverTarget: row.metric == .cpl && (row.actual ?? -.infinity) > row.target)
        }
    }

    /// Every pair of creatives (`utm_content`) of each campaign with two or more of them clicked in the period, as
    /// `report abtest --by content` judges them at 95%; touches without a creative are left out.
    static func verdicts(_ run: ReportRun, options: ReportOptions, campaigns: [String]) throws -> [SummaryReport.Verdict] {
        var byContent = options
        byContent.dimension = .content
        var verdicts: [SummaryReport.Verdict] = []
        // One load of the period, cut into each campaign's test.
        let split = try run.data(ABTestReport.splitScope(for: byContent))
        for campaign in campaigns where campaign != ReportDimension.noneKey {
            let test = try ABTestReport(data: ABTestReport.data(split, of: campaign), options: byContent, campaign: campaign)
            let clicked = Set(test.variants.filter { $0.clicks > 0 && $0.key != ReportDimension.noneKey }.map(\.key))
            guard clicked.count >= 2 else { continue }
            for pair in test.pairs where clicked.contains(pair.a) && clicked.contains(pair.b) {
                verdicts.append(
                    SummaryReport.Verdict(
                        campaign: campaign, text: "\(pair.a) vs \(pair.b): \(pair.verdict)", significant: pair.isSignificant))
            }
        }
        return verdicts
    }
}
