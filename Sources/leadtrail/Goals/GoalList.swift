import ArgumentParser
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

extension GoalCommand {
    /// `leadtrail goal list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the goals.")
        @OptionGroup var options: StoreOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let goals = try Session(options).store.goals()
            let format = output.format.format
            guard format == .table else {
                emit(
                    Listing(columns: Goal.outputColumns, rows: goals.map { $0.outputFields.map(\.1) }).rendered(
                        as: format))
                return
            }
            emit(
                Listing(
                    columns: ["id", "metric", "target", "scope", "period"],
                    rows: goals.map { goal in
                        [
                            .integer(goal.id), .string(goal.metric.rawValue),
                            .string((goal.metric.isCost ? "≤ " : "≥ ") + goal.target.text), .string(goal.scope.text),
                            .string("\(goal.from)…\(goal.to)"),
                        ]
                    }
                ).table)
        }
    }
}
