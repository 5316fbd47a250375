import ArgumentParser
import LeadTrailReports

/// `leadtrail report speed`.
struct ReportSpeed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speed",
        abstract: "Speed to lead by owner (median and p90 to first response), click → lead and lead → won.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var report: ReportArguments
    @OptionGroup var output: FormatOptions

    func validate() throws {
        try report.refuse(unusedBy: "report speed", uses: [.lookbackDays])
    }

    func run() throws {
        let run = try ReportRun(store, report)
        let built = SpeedReport(data: try run.data(SpeedReport.scope(for: run.options)), options: run.options)
        emit(built.rendered(as: output.format.format))
    }
}
