import ArgumentParser
import LeadTrailReports

/// `leadtrail report attribution`.
struct ReportAttribution: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribution", abstract: "Conversions and value credited to each campaign, channel, creative… under one model.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var report: ReportArguments
    @OptionGroup var output: FormatOptions

    func run() throws {
        let run = try ReportRun(store, report)
        let built = try AttributionReport(data: run.data(AttributionReport.scope(for: run.options)), options: run.options)
        emit(built.rendered(as: output.format.format))
    }
}
