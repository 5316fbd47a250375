import ArgumentParser
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

extension GoalCommand {
    /// `leadtrail goal status [--as-of D]`.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Each goal's actual against its target, the period elapsed, a pace projection and a status.",
            discussion: """
                Status: met, on track, at risk (projected to miss by at most 10% of the target), off track, \
                not started, no data (a ratio whose denominator is still zero), or no rate (money that needs an \
                exchange rate never set; the command then fails after printing the others). See docs/goals.md.
                """)
        @OptionGroup var options: StoreOptions
        @Option(name: .customLong("as-of"), help: "The day to judge on (YYYY-MM-DD); today by default.")
        var asOf: String?
        @Option(help: "Attribution model: \(AttributionModel.allValueStrings.joined(separator: ", ")).")
        var model: AttributionModel = .lastNonDirect
        @OptionGroup var output: FormatOptions

        func run() throws {
            let session = try Session(options)
            let day = try session.date(asOf, field: "--as-of")
            let settings = session.settings
            let report = try GoalStatusReport(
                goals: try session.store.goals(), asOf: day, timeZone: settings.timeZone,
                timeZoneName: settings.timeZoneName, baseCurrency: settings.currency, model: model,
                load: session.store.reportData, channelTouches: session.store.campaignChannelTouches)
            emit(report.rendered(as: output.format.format))
            // Every goal that could be judged is printed; the ones a missing rate left unjudged fail the command.
            if let missing = report.missingRates { throw missing }
        }
    }
}
