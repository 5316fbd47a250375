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
        let store = run.session.store
        let settings = run.session.settings
        let summary = try SummaryReport.assemble(
            options: run.options, today: Timestamp.now().calendarDate(in: settings.timeZone),
            baseCurrency: settings.currency, goals: try store.goals(), load: store.reportData,
            channelTouches: store.campaignChannelTouches)
        emit(summary.rendered(as: format))
        if let (period, missing) = summary.missingPreviousRate {
            warn("warning: the changes against the previous period (\(period)) are left out: \(missing)")
        }
        if let missing = summary.missingGoalRates { throw missing }
    }
}
