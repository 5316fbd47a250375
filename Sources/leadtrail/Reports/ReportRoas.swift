import ArgumentParser
import LeadTrailReports

/// `leadtrail report roas`.
struct ReportRoas: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roas", abstract: "Spend, leads, deals, revenue and every ratio (CPL, CAC, ROAS, ROMI…) per key.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var report: ReportArguments
    @OptionGroup var comparison: CompareOption
    @OptionGroup var output: FormatOptions

    func run() throws {
        let run = try ReportRun(store, report)
        let built = try RoasReport(data: run.data(RoasReport.scope(for: run.options)), options: run.options)
        guard let base = comparison.compare else { return emit(built.rendered(as: output.format.format)) }
        let earlier = run.options(comparedWith: base)
        let previous = try RoasReport(data: run.data(RoasReport.scope(for: earlier)), options: earlier)
        emit(ComparedReport(built, against: previous, base: base).rendered(as: output.format.format))
    }
}
