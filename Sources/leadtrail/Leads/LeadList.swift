import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailStore
import LeadTrailReports

extension LeadCommand {
    /// `lead list`: the pipeline at a glance.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List leads, oldest first.")

        @OptionGroup var options: StoreOptions
        @OptionGroup var output: FormatOptions
        @Option(help: "Only leads in this stage.") var stage: Stage?
        @Option(help: "Only leads of this owner.") var owner: String?
        @Option(help: "At most this many leads.") var limit: Int?

        func run() throws {
            let session = try Session(options)
            let leads = try session.store.leads(matching: LeadFilter(stage: stage, owner: owner, limit: limit))
            let listing = Listing.leads(leads, timeZone: session.settings.timeZone, format: output.format.format)
            emit(listing.rendered(as: output.format.format))
        }
    }
}
