import ArgumentParser

/// `leadtrail lead …`: the sales team's side of LeadTrail.
struct LeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lead", abstract: "Log leads, move them through the pipeline, look at their journey.",
        subcommands: [
            Add.self, List.self, Show.self, MoveStage.self, Junk.self, Assign.self, Merge.self, Forget.self,
        ])
}
