import ArgumentParser
import LeadTrailCore
import LeadTrailStore

extension LeadCommand {
    /// `lead merge A B`: two leads that are one person become one.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract:
                "Fold lead B into lead A: B's requests, visitors, deals and events move to A; B's id points to A.",
            discussion: "Every phone and email of both leads stays A's, so the next request from B's phone or email "
                + "is a repeat on A (within the duplicate window). 'lead show B' then points to A.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The lead to keep.") var keep: Int64
        @Argument(help: "The lead merged into it.") var other: Int64

        func run() throws {
            try Session(options).store.mergeLeads(keep: keep, other: other)
            emit("Lead \(other) merged into lead \(keep)\n")
        }
    }

    /// `lead forget ID`: the right to be forgotten.
    struct Forget: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "forget",
            abstract: "Erase a person's name, email, phone and fields everywhere; anonymous touches and money stay.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The lead id.") var lead: Int64

        func run() throws {
            try Session(options).store.forgetLead(lead)
            emit("Lead \(lead) forgotten: personal data erased\n")
        }
    }
}
