import ArgumentParser
import LeadTrailCore
import LeadTrailStore

extension DealCommand {
    /// `deal reopen REF`: a `deal won` or `deal lost` given by mistake, undone; the lead's stage follows.
    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reopen",
            abstract: "Make a won or lost deal open again (a close given by mistake); its lead's stage follows.",
            discussion: "A deal with refunds cannot be reopened.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The deal number or its external id.") var deal: String

        func run() throws {
            let session = try Session(options)
            let before = try session.store.deal(deal)
            let reopened = try session.store.reopenDeal(deal)
            var line = "Deal \(reopened.id) is open again (was \(before.status.rawValue))"
            if let lead = reopened.leadID {
                line += "; lead \(lead) is now \(try session.store.leadDetail(id: lead).lead.stage.rawValue)"
            }
            emit(line + "\n")
        }
    }
}
