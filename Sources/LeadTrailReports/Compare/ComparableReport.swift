import LeadTrailCore

/// A report whose rows, unattributed row and totals are named figures: what `--compare` sets side by side.
protocol ComparableReport: Sendable {
    var options: ReportOptions { get }
    /// The JSON header, in the SPEC's order.
    var header: [(String, OutputValue)] { get }
    /// The rows in the report's own order, each with every figure it prints.
    var keyedFigures: [(key: String, figures: [(String, OutputValue)])] { get }
    var unattributedFigures: [(String, OutputValue)] { get }
    var totalFigures: [(String, OutputValue)] { get }
    /// The figures of a key the period has no row for: zeros, and null where the figure does not apply.
    var absentRowFigures: [(String, OutputValue)] { get }
    /// The figures a table shows, in order.
    var tableColumns: [String] { get }
    /// A table's first line, without the comparison.
    var tableTitle: String { get }
}
