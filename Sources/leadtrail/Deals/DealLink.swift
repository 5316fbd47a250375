import ArgumentParser
import LeadTrailCore
import LeadTrailStore

extension DealCommand {
    /// `deal link DEAL LEAD`: gives a deal its lead, e.g. a deal added by hand whose lead an undone import took away.
    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link",
            abstract: "Link a deal to a lead (a deal left without its lead by 'imports undo --force').")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The deal number or its external id.") var deal: String
        @Argument(help: "The lead id.") var lead: Int64

        func run() throws {
            let linked = try Session(options).store.linkDeal(deal, toLead: lead)
            emit("Deal \(linked.id) linked to lead \(lead)\n")
        }
    }
}
