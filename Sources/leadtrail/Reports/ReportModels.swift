import ArgumentParser
import LeadTrailReports

/// `leadtrail report models`.
struct ReportModels: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "Every attribution model side by side for one dimension.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var report: ReportArguments
    @OptionGroup var output: FormatOptions

    func validate() throws {
        try report.refuse(
            unusedBy: "report models", uses: [.model, .by, .conversion, .currency, .lookbackDays, .halfLifeDays],
            runsEveryModel: true)
    }

    func run() throws {
        let run = try ReportRun(store, report)
        let built = try ModelComparison(data: run.data(ModelComparison.scope(for: run.options)), options: run.options)
        emit(built.rendered(as: output.format.format))
    }
}
