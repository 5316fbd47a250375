import ArgumentParser
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

extension GoalCommand {
    /// `leadtrail goal set --metric cpl --target 450 [--campaign K | --channel C] --from D --to D [--currency CUR]`.
    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set a KPI goal: a metric's target for everything, a campaign or a channel, over a period.")
        @OptionGroup var options: StoreOptions
        @Option(help: "The metric: \(GoalMetric.allCases.map(\.rawValue).joined(separator: ", ")).")
        var metric: String
        // Unconditional parsing reads `-5` as the value (and then refuses it) rather than as an unknown option.
        @Option(
            parsing: .unconditional,
            help: """
                The target: major units for money (450, 450.50, 450,50), a decimal or a percentage for a rate \
                (0.05, 0,05, 5%), a number for a count.
                """)
        var target: String
        @Option(help: "Limit the goal to one campaign (its key).") var campaign: String?
        @Option(help: "Limit the goal to one channel: \(Channel.allCases.map(\.rawValue).joined(separator: ", ")).")
        var channel: String?
        @OptionGroup var period: GoalPeriodOptions
        @Option(help: "Currency of a money target (ISO 4217); the configured base currency by default.")
        var currency: String?
        @OptionGroup var output: FormatOptions

        func run() throws {
            let metric = try GoalMetric(parsing: metric)
            if campaign != nil && channel != nil {
                throw CommandError(
                    "--campaign and --channel cannot both be given: a goal covers one campaign, one "
                        + "channel or everything")
            }
            if currency != nil && !metric.isMoney {
                throw CommandError(
                    "--currency: \(metric.rawValue) is not money; only spend, revenue, cpc, cpm, cpl, "
                        + "cac and aov targets take a currency")
            }
            let session = try Session(options)
            let money: Currency
            do { money = try session.currency(currency) } catch { throw CommandError("--currency: \(error)") }
            let target = try GoalTarget.parse(target, for: metric, currency: money)
            let scope: GoalScope
            if let campaign {
                guard let key = Normalize.key(campaign) else { throw CommandError("--campaign: the key is empty") }
                scope = .campaign(key)
            } else if let channel {
                guard let value = Channel(rawValue: channel.trimmingWhitespace().lowercased()) else {
                    throw GoalError.unknownChannel(channel)
                }
                scope = .channel(value)
            } else {
                scope = .all
            }
            let (from, to) = try period.period(in: session)
            let goal: Goal
            let before = try session.store.goals()
            do {
                goal = try session.store.addGoal(
                    Goal(metric: metric, target: target, scope: scope, from: from, to: to))
            } catch StoreError.unknownCampaign(let key) {
                throw CommandError("--campaign: unknown campaign '\(key)' (see 'leadtrail campaign list')")
            }
            let replaced = before.contains { $0.id == goal.id }
            emit(goal.rendered(as: output.format.format, action: replaced ? "updated" : "set"))
        }
    }
}
