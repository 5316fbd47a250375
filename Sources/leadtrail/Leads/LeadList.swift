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
            let zone = session.settings.timeZone
            let json = output.format == .json
            let listing = Listing(
                columns: ["id", "created_at", "name", "phone", "email", "stage", "owner", "form", "source"],
                rows: leads.map { lead in
                    [
                        .integer(lead.id), json ? .time(lead.createdAt) : .string(lead.createdAt.local(in: zone)),
                        .text(lead.name), .text(lead.phone?.e164), .text(lead.email?.normalized),
                        .string(lead.stage.rawValue), .text(lead.owner), .text(lead.form), .text(lead.source),
                    ]
                })
            emit(listing.rendered(as: output.format.format))
        }
    }
}
