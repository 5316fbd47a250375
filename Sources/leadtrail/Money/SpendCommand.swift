import ArgumentParser
import LeadTrailCore
import LeadTrailStore

/// `leadtrail spend add`: what a campaign cost on a day.
struct SpendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spend", abstract: "Record ad spend.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a campaign's spend for one day; the same day and campaign again replaces it.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The campaign key (utm_campaign).") var campaign: String
        @Argument(help: "The amount in major units, e.g. 1850.00 or 1850,00.") var amount: String
        @Argument(help: "ISO 4217 currency code; the base currency by default.") var currency: String?
        @Option(help: "The day (YYYY-MM-DD); today by default.") var date: String?
        @Option(help: "The platform the money went to.") var platform: Platform?
        @Option var impressions: Int64 = 0
        @Option var reach: Int64 = 0
        @Option var clicks: Int64 = 0
        @Option(help: "Likes + comments + shares + saves.") var engagements: Int64 = 0

        func validate() throws {
            for (name, value) in [("impressions", impressions), ("reach", reach), ("clicks", clicks),
                                  ("engagements", engagements)] where value < 0 || value > Limits.maxCount {
                throw ArgumentParser.ValidationError(
                    value < 0
                        ? "--\(name) cannot be negative" : "--\(name) is out of range (at most \(Limits.maxCount))")
            }
        }

        func run() throws {
            guard let key = Normalize.key(campaign) else { throw CommandError("campaign key is empty") }
            let session = try Session(options)
            let money = try Money.parse(typed: amount, currency: try session.currency(currency))
            let day = try session.date(date)
            let known = try session.store.campaigns().map(\.key)
            let replaced = try session.store.putSpend(
                Spend(
                    date: day, campaign: campaign, amount: money, platform: platform, impressions: impressions,
                    reach: reach, clicks: clicks, engagements: engagements))
            emit("Spend \(replaced ? "replaced" : "recorded"): \(key) \(day) \(money.amountText) \(money.currency)\n")
            // A typo makes a new campaign whose spend no visit of the meant one shares: said while it is fresh.
            if !known.contains(key), let meant = NearestKey.suggestion(for: key, among: known) {
                warn(
                    "note: '\(key)' is a new campaign; did you mean '\(meant)'? If so, set this day to 0 with "
                        + "'leadtrail spend add \(key) 0 --date \(day)' and add it to '\(meant)'")
            }
        }
    }
}
