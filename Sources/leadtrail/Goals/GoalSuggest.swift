import ArgumentParser
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

extension GoalCommand {
    /// `leadtrail goal suggest --campaign K [--from D --to D]`.
    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "suggest",
            abstract: "Suggest the KPIs that fit a campaign's objective, with targets from the previous period.")
        @OptionGroup var options: StoreOptions
        @Option(help: "The campaign (its key).") var campaign: String
        @OptionGroup var period: GoalPeriodOptions
        @Option(help: "Currency of money targets (ISO 4217); the configured base currency by default.")
        var currency: String?
        @OptionGroup var output: FormatOptions

        func run() throws {
            let session = try Session(options)
            let money: Currency
            do { money = try session.currency(currency) } catch { throw CommandError("--currency: \(error)") }
            guard let key = Normalize.key(campaign),
                let found = try session.store.campaigns().first(where: { $0.key == key })
            else { throw CommandError("--campaign: unknown campaign '\(campaign)' (see 'leadtrail campaign list')") }
            let (from, to) = try period.period(in: session)
            let settings = session.settings
            let suggestions = try GoalSuggestions(
                campaign: found, from: from, to: to, timeZone: settings.timeZone, timeZoneName: settings.timeZoneName,
                currency: money, load: session.store.reportData)
            emit(suggestions.rendered(as: output.format.format, database: options.db))
        }
    }
}
