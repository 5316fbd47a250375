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
        guard case .sqlite(let path) = options.location else {
            throw StoreError.unsupportedLocation(options.location.description)
        }
        let (from, to) = try SQLiteStore.migrate(path: path)
        if from == to {
            emit("Up to date: \(path) (schema \(to))\n")
        } else {
            emit("Migrated \(path) from schema \(from) to \(to)\n")
        }
    }
}
