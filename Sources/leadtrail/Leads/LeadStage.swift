import ArgumentParser
import LeadTrailCore
import LeadTrailStore

extension LeadCommand {
    /// `lead stage ID STAGE`: moves a lead through the pipeline, kept in its history; `--correct` moves it back.
    struct MoveStage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stage",
            abstract: "Move a lead to a stage: new → contacted → qualified → opportunity → won | lost, or junk.",
            discussion: """
                A move back (qualified → contacted, won → lost, out of junk) undoes a mistake: give --correct, and \
                the history records it as a correction, with who (--by) and when. A lead's stage also follows its \
                deals: a won deal makes it won and all deals lost make it lost, unless a later move says otherwise.
                """)

        @OptionGroup var options: StoreOptions
        @Argument(help: "The lead id.") var lead: Int64
        @Argument(help: "new, contacted, qualified, opportunity, won, lost or junk.") var stage: String
        @Option(help: "When it happened (2026-10-01 12:30, or with an offset); now by default.") var at: String?
        @Option(help: "Who moved it.") var by: String?
        @Flag(help: "Move back, to correct a mistake (recorded as a correction).") var correct = false

        func run() throws {
            let target = try Stage(parsing: stage)
            try Self.move(options: options, lead: lead, to: target, at: at, by: by, correct: correct)
        }

        static func move(
            options: StoreOptions, lead: Int64, to target: Stage, at: String?, by: String?, correct: Bool
        ) throws {
            let session = try Session(options)
            let before = try session.store.leadDetail(id: lead).lead.stage
            let by = try personName(by, option: "--by")
            let time = try session.time(at)
            try session.inLocalTime {
                try session.store.moveLead(id: lead, to: target, at: time, by: by, correcting: correct)
            }
            emit("Lead \(lead) is now \(target.rawValue)" + (correct ? " (corrected from \(before.rawValue))" : "") + "\n")
        }
    }

    /// `lead junk ID`: spam, a wrong number, a test: out of the pipeline and counted in the funnel's junk share.
    struct Junk: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "junk",
            abstract: "Mark a lead as junk (spam, a wrong number); the funnel counts it in its junk share.",
            discussion: "Junk is final: 'lead stage ID STAGE --correct' takes a lead out of it.")

        @OptionGroup var options: StoreOptions
        @Argument(help: "The lead id.") var lead: Int64
        @Option(help: "When it was found to be junk (2026-10-01 12:30, or with an offset); now by default.")
        var at: String?
        @Option(help: "Who marked it.") var by: String?
        @Flag(help: "Mark a won or lost lead junk (recorded as a correction).") var correct = false

        func run() throws {
            try MoveStage.move(options: options, lead: lead, to: .junk, at: at, by: by, correct: correct)
        }
    }

    /// `lead assign ID OWNER`: hands a lead to a rep.
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign", abstract: "Set the sales rep who owns a lead.")

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
