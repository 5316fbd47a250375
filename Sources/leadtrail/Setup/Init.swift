import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailStore

/// `leadtrail init`: creates the database (readable by its owner only) or brings an existing one up to date.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the database, or upgrade an existing one.")

    @OptionGroup var options: StoreOptions
    @Option(help: "Base currency for reports (ISO 4217), e.g. RUB.") var currency: String?
    @Option(help: "Time zone for report periods and times without an offset, e.g. Europe/Moscow.") var timezone: String?

    func run() throws {
        let location = options.location
        let (store, from) = try location.initialiseStore()
        if let currency { try store.set(.currency, to: currency) }
        if let timezone { try store.set(.timezone, to: timezone) }
        let settings = try store.settings()
        let version = try store.schemaVersion()
        // An older database is upgraded here, as `migrate` would: say so, not "up to date".
        let head =
            if from == 0 {
                "Created \(location) (schema \(version); "
            } else if from < version {
                "Upgraded \(location) from schema \(from) to \(version) ("
            } else {
                "Up to date: \(location) (schema \(version); "
            }
        emit(head + "currency \(settings.currency), time zone \(settings.timeZoneName))\n")
    }
}
