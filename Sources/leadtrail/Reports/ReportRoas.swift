import ArgumentParser
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

/// `leadtrail report roas`.
struct ReportRoas: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roas", abstract: "Spend, leads, deals, revenue and every ratio (CPL, CAC, ROAS, ROMI…) per key.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var report: ReportArguments
    @OptionGroup var comparison: CompareOption
    @OptionGroup var output: FormatOptions

    func validate() throws {
        try report.refuse(unusedBy: "report roas", uses: [.model, .by, .currency, .lookbackDays, .halfLifeDays])
    }

    func run() throws {
        let run = try ReportRun(store, report)
        let built = try Self.report(run, options: run.options)
        guard let base = comparison.compare else { return emit(built.rendered(as: output.format.format)) }
        let earlier = run.options(comparedWith: base)
        let previous: RoasReport
        do {
            previous = try Self.report(run, options: earlier)
        } catch let missing as MissingExchangeRate {
            // Named as the comparison's: the period asked for has every rate it needs.
            throw CommandError("--compare \(base.rawValue): the period \(earlier.from) … \(earlier.to): \(missing)")
        }
        emit(ComparedReport(built, against: previous, base: base).rendered(as: output.format.format))
    }

    /// The report as the server builds it too (``RoasReport/assemble(options:load:channelTouches:)``).
    static func report(_ run: ReportRun, options: ReportOptions) throws -> RoasReport {
        try RoasReport.assemble(
            options: options, load: run.data, channelTouches: run.session.store.campaignChannelTouches)
    }
}
