import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailStore

/// `leadtrail init`: creates the database (readable by its owner only) or brings an existing one up to date.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the database, or upgrade an existing one.")

    @OptionGroup var options: StoreOptions
    @Option(help: "Base currency for reports (ISO 4217), e.g. RUB.") var currency: String?
    @Option(help: "Time zone for report periods and times without an offset, e.g. Europe/Moscow.") var timezone: String?

    func run() throws {
        let location = options.location
        let (store, created) = try location.createStore()
        if let currency { try store.set(.currency, to: currency) }
        if let timezone { try store.set(.timezone, to: timezone) }
        let settings = try store.settings()
        let verb = created ? "Created" : "Up to date:"
        emit(
            "\(verb) \(location) (schema \(try store.schemaVersion()); currency \(settings.currency), "
                + "time zone \(settings.timeZoneName))\n")
    }
}
