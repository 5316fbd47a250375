import ArgumentParser
import LeadTrailReports

/// `leadtrail report funnel`.
struct ReportFunnel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funnel", abstract: "Impressions → clicks → touches → leads → qualified → opportunity → won, with rates and junk share.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var report: ReportArguments
    @OptionGroup var output: FormatOptions

    func validate() throws {
        try report.refuse(unusedBy: "report funnel", uses: [.model, .by, .lookbackDays, .halfLifeDays])
    }

    func run() throws {
        let run = try ReportRun(store, report)
        let built = try FunnelReport(data: run.data(FunnelReport.scope(for: run.options)), options: run.options)
        emit(built.rendered(as: output.format.format))
    }
}
