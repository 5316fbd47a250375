import ArgumentParser
import LeadTrailReports
import LeadTrailStore

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
        // The report as the server builds it too (``FunnelReport/assemble(options:load:channelTouches:)``).
        let built = try FunnelReport.assemble(
            options: run.options, load: run.data, channelTouches: run.session.store.campaignChannelTouches)
        emit(built.rendered(as: output.format.format))
    }
}
