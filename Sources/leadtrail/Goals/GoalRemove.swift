import ArgumentParser
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

extension GoalCommand {
    /// `leadtrail goal remove ID`.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a goal by its number.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The goal's number (see 'goal list').") var id: Int64
        @OptionGroup var output: FormatOptions

        func run() throws {
            let goal = try Session(options).store.removeGoal(id: id)
            emit(goal.rendered(as: output.format.format, action: "removed"))
        }
    }
}
