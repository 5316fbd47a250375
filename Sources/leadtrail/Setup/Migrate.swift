import ArgumentParser
import LeadTrailStore

/// `leadtrail migrate`: brings an existing database up to this build's schema.
///
/// Commands that only read never migrate (they take no lock); the first command that writes migrates, and this
/// command does it on purpose, for example before a day of reports after upgrading leadtrail.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Upgrade the schema of an existing database to this version of leadtrail.")

    @OptionGroup var options: StoreOptions

    func run() throws {
        let location = options.location
        let (from, to) = try location.migrateStore()
        if from == to {
            emit("Up to date: \(location) (schema \(to))\n")
        } else {
            emit("Migrated \(location) from schema \(from) to \(to)\n")
        }
    }
}
