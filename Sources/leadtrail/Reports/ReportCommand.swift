import ArgumentParser
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

/// `leadtrail report …`: which campaigns bring the money.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Attribution, ROAS, funnel, model comparison, speed-to-lead, A/B test and summary reports.",
        subcommands: [
            ReportAttribution.self, ReportRoas.self, ReportFunnel.self, ReportModels.self, ReportSpeed.self,
            ReportABTest.self, ReportSummary.self,
        ])
}

/// Runs one report: opens the store, loads what the report reads, builds it and prints it.
struct ReportRun {
    let session: Session
    let options: ReportOptions

    init(_ store: StoreOptions, _ arguments: ReportArguments) throws {
        session = try Session(store)
        options = try arguments.options(in: session)
    }

    /// The scope's data, refused in one line when its sums would leave the exact range (docs/reports.md, Limits).
    func data(_ scope: ReportScope) throws -> ReportData {
        let data = try session.store.reportData(scope)
        try data.checkSums(in: options.currency, timeZone: options.timeZone)
        return data
    }
}
