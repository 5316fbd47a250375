import ArgumentParser
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

/// `leadtrail rate set FROM TO RATE`: exchange rates reports convert with; they never guess a missing one.
struct RateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate", abstract: "Set and list exchange rates.", subcommands: [Set.self, List.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set how many TO one FROM buys on a date; the same date and pair again replaces it.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The currency converted from, e.g. USD.") var from: String
        @Argument(help: "The currency converted to, e.g. RUB.") var to: String
        @Argument(help: "Units of TO per one FROM, e.g. 92.5.") var rate: String
        @Option(help: "The date it applies from (YYYY-MM-DD); today by default.") var date: String?

        func run() throws {
            let fromCurrency = try Currency(code: from)
            let toCurrency = try Currency(code: to)
            guard fromCurrency != toCurrency else { throw CommandError("a rate needs two different currencies") }
            let session = try Session(options)
            let day = try session.date(date)
            let value = try ExchangeRate(date: day, from: fromCurrency, to: toCurrency, parsing: rate)
            try session.store.setRate(value)
            emit("Rate \(fromCurrency)→\(toCurrency) on \(day): \(value.rateText)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List exchange rates.")
        @OptionGroup var options: StoreOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let rates = try Session(options).store.rates()
            emit(
                Listing(
                    columns: ["date", "from", "to", "rate"],
                    rows: rates.map {
                        [
                            .string($0.date.description), .string($0.from.code), .string($0.to.code),
                            .decimal($0.rateText),
                        ]
                    }
                ).rendered(as: output.format.format))
        }
    }
}
