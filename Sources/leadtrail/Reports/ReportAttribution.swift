import ArgumentParser
import LeadTrailReports

/// `leadtrail report attribution`.
struct ReportAttribution: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribution", abstract: "Conversions and value credited to each campaign, channel, creative… under one model.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var report: ReportArguments
    @OptionGroup var comparison: CompareOption
    @OptionGroup var output: FormatOptions

    func validate() throws {
        try report.refuse(unusedBy: "report attribution", uses: [.model, .by, .conversion, .currency, .lookbackDays, .halfLifeDays])
    }

    func run() throws {
        let run = try ReportRun(store, report)
        let built = try AttributionReport(data: run.data(AttributionReport.scope(for: run.options)), options: run.options)
        guard let base = comparison.compare else { return emit(built.rendered(as: output.format.format)) }
        let earlier = run.options(comparedWith: base)
        let previous = try AttributionReport(data: run.data(AttributionReport.scope(for: earlier)), options: earlier)
        emit(ComparedReport(built, against: previous, base: base).rendered(as: output.format.format))
    }
}
