import ArgumentParser
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

/// `leadtrail report abtest`.
struct ReportABTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abtest",
        abstract: "Compare one campaign's variants (creatives by default) on lead rate, with a verdict per pair.",
        discussion: """
            Per variant: clicks, leads, lead rate, the campaign's spend allotted by clicks, and CPL. Every pair gets a \
            two-proportion z-test with Holm's correction over all pairs, and a verdict: "B beats A at 95%", or how \
            many more clicks each variant needs (80% power). The test is always on leads (so --conversion is \
            refused), and --by campaign (the default of every report) means --by content.
            """)
    @OptionGroup var store: StoreOptions
    @Option(
        help: "The campaign whose variants are compared (its key: the normalised utm_campaign).",
        completion: Completions.campaignKeys)
    var campaign: String
    @OptionGroup var report: ReportArguments
    @Option(parsing: .unconditional, help: "Confidence level, from 0.5 to under 1: 0.95 (or 95) for 95%.")
    var confidence: Double = 0.95
    @Option(
        parsing: .unconditional,
        help: "The smallest lift in lead rate worth detecting, in percent (20 for +20%); the observed gap by default.")
    var minEffect: Double?
    @OptionGroup var output: FormatOptions

    /// The confidence as a fraction: `95` and `0.95` both mean 95%.
    var confidenceLevel: Double { confidence >= 1 ? confidence / 100 : confidence }

    func validate() throws {
        try report.refuse(unusedBy: "report abtest", uses: [.model, .by, .currency, .lookbackDays, .halfLifeDays])
        guard confidenceLevel >= 0.5, confidenceLevel < 1, confidence.isFinite else {
            throw ValidationError(
                "--confidence must be at least 0.5 and under 1 (or 50 to 99.9 percent), not \(confidence)")
        }
        if let minEffect, !(minEffect > 0 && minEffect <= 1000) {
            throw ValidationError("--min-effect must be a positive percentage up to 1000, not \(minEffect)")
        }
    }

    func run() throws {
        let run = try ReportRun(store, report)
        guard let key = Normalize.key(campaign) else { throw CommandError("--campaign must not be empty") }
        guard try run.session.store.campaigns().contains(where: { $0.key == key }) else {
            throw CommandError("unknown campaign '\(key)' (see 'leadtrail campaign list')")
        }
        let built = try ABTestReport(
            data: run.data(ABTestReport.scope(for: run.options, campaign: key)), options: run.options, campaign: key,
            confidence: confidenceLevel, minimumEffect: minEffect.map { $0 / 100 })
        emit(built.rendered(as: output.format.format))
    }
}
