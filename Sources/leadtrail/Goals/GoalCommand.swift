import ArgumentParser
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

/// `leadtrail goal …`: KPI targets and whether they are being hit.
struct GoalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "goal", abstract: "Set KPI goals and see whether they are being hit.",
        discussion: """
            A goal is a metric's target over everything, one campaign or one channel, for a period. Cost metrics \
            (cpl, cac, cpc, cpm, and spend as a budget) are met at or below the target, the others at or above. \
            See docs/goals.md for the status rule.
            """,
        subcommands: [Set.self, List.self, Remove.self, Status.self, Suggest.self])
}

/// `--from --to`: a goal's period, both days inclusive; the current month by default, as for reports.
struct GoalPeriodOptions: ParsableArguments {
    @Option(help: "First day of the period (YYYY-MM-DD, inclusive); the first of --to's month, else of this month.")
    var from: String?
    @Option(help: "Last day of the period (YYYY-MM-DD, inclusive); the end of --from's month by default.")
    var to: String?

    /// The goal's period: both days as given; one alone is completed to its month (`--to 2026-10-15` alone is
    /// 2026-10-01…2026-10-15, `--from 2026-10-15` alone 2026-10-15…2026-10-31); neither, this month.
    func period(in session: Session) throws -> (from: CalendarDate, to: CalendarDate) {
        let today = Timestamp.now().calendarDate(in: session.settings.timeZone)
        let given = (
            from: try from.map { try session.date($0, field: "--from") },
            to: try to.map { try session.date($0, field: "--to") }
        )
        func first(of day: CalendarDate) -> CalendarDate { CalendarDate(year: day.year, month: day.month, day: 1) }
        func last(of day: CalendarDate) -> CalendarDate {
            CalendarDate(
                dayNumber: CalendarDate(
                    year: day.month == 12 ? day.year + 1 : day.year, month: day.month % 12 + 1, day: 1
                ).dayNumber - 1)
        }
        let start = given.from ?? first(of: given.to ?? today)
        let end = given.to ?? last(of: start)
        guard start <= end else { throw CommandError("--from \(start) is after --to \(end)") }
        return (start, end)
    }
}

extension Goal {
    /// The names of ``outputFields``, in order: `goal list`'s JSON keys and CSV header.
    static let outputColumns = ["id", "metric", "direction", "target", "currency", "scope", "key", "from", "to"]

    /// A goal as `goal list`, `goal set --format json` and `goal remove --format json` print it.
    var outputFields: [(String, OutputValue)] {
        [
            ("id", .integer(id)), ("metric", .string(metric.rawValue)),
            ("direction", .string(metric.isCost ? "at_most" : "at_least")),
            ("target", .decimal(target.numberText)), ("currency", .text(target.currency?.code)),
            ("scope", .string(scope.kind)), ("key", .text(scope.key)), ("from", .string(from.description)),
            ("to", .string(to.description)),
        ]
    }

    /// `Goal 3: cpl at most 450.00 RUB · campaign black_friday · 2026-10-01…2026-10-31`.
    var line: String { "Goal \(id): \(summary) · \(scope.text) · \(from)…\(to)" }

    /// The goal in a format: a sentence for a table, an object for JSON, a one-row listing for CSV.
    func rendered(as format: OutputFormat, action: String) -> String {
        switch format {
        case .table: return "\(line) (\(action))\n"
        case .json: return OutputValue.object(outputFields).prettyJSON + "\n"
        case .csv: return Listing(columns: outputFields.map(\.0), rows: [outputFields.map(\.1)]).csv
        }
    }
}
