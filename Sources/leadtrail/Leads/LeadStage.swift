import ArgumentParser
import LeadTrailCore
import LeadTrailStore

extension LeadCommand {
    /// `lead stage ID STAGE`: moves a lead through the pipeline, kept in its history.
    struct MoveStage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stage",
            abstract: "Move a lead to a stage: new → contacted → qualified → opportunity → won | lost, or junk.")

        @OptionGroup var options: StoreOptions
        @Argument(help: "The lead id.") var lead: Int64
        @Argument(help: "contacted, qualified, opportunity, won, lost or junk.") var stage: String
        @Option(help: "When it happened (RFC 3339); now by default.") var at: String?
        @Option(help: "Who moved it.") var by: String?

        func run() throws {
            let target = try Stage(parsing: stage)
            let session = try Session(options)
            try session.store.moveLead(id: lead, to: target, at: try session.time(at), by: by)
            emit("Lead \(lead) is now \(target.rawValue)\n")
        }
    }

    /// `lead assign ID OWNER`: hands a lead to a rep.
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the sales rep who owns a lead.")

        @OptionGroup var options: StoreOptions
        @Argument(help: "The lead id.") var lead: Int64
        @Argument(help: "The rep's name; '-' removes the owner.") var owner: String

        func run() throws {
            let name = owner.trimmingWhitespace()
            guard !name.isEmpty else { throw CommandError("owner is empty; use '-' to remove the owner") }
            try Session(options).store.assignLead(id: lead, to: name == "-" ? nil : name)
            emit(name == "-" ? "Lead \(lead) has no owner\n" : "Lead \(lead) is owned by \(name)\n")
        }
    }
}
