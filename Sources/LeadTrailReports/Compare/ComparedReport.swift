public import LeadTrailCore

/// A report set against the same report over another period (`--compare previous|year-ago`): every figure with the
/// earlier figure, its change and its percent change.
///
/// Rows are the current period's rows in their order, then the keys only the earlier period had, in its order. Changes
/// are exact differences of the printed figures, so rows plus unattributed still add up to the totals, change by
/// change. A change is null where either figure is; a percent change also where the earlier figure is 0 or
/// negative or the figure changed sign (the table then shows a ratio's change in points).
public struct ComparedReport: Sendable {
    public let base: ComparisonPeriod
    /// The earlier period, both days inclusive.
    public let previousFrom: CalendarDate
    public let previousTo: CalendarDate
    private let current: any ComparableReport
    private let previous: any ComparableReport

    public init(_ current: AttributionReport, against previous: AttributionReport, base: ComparisonPeriod) {
        self.init(comparing: current, with: previous, base: base)
    }

    public init(_ current: RoasReport, against previous: RoasReport, base: ComparisonPeriod) {
        self.init(comparing: current, with: previous, base: base)
    }

    private init(comparing current: any ComparableReport, with previous: any ComparableReport, base: ComparisonPeriod) {
        self.current = current
        self.previous = previous
        self.base = base
        previousFrom = previous.options.from
        previousTo = previous.options.to
    }

    /// One key's figures in both periods.
    struct Row {
        var key: String
        var current: [(String, OutputValue)]
        var previous: [(String, OutputValue)]
    }

    var rows: [Row] {
        let earlier = Dictionary(
            previous.keyedFigures.map { ($0.key, $0.figures) }, uniquingKeysWith: { first, _ in first })
        var seen = Set<String>()
        var rows: [Row] = []
        for row in current.keyedFigures {
            seen.insert(row.key)
            rows.append(Row(key: row.key, current: row.figures, previous: earlier[row.key] ?? previous.absentRowFigures))
        }
        for row in previous.keyedFigures where !seen.contains(row.key) {
            rows.append(Row(key: row.key, current: current.absentRowFigures, previous: row.figures))
        }
        return rows
    }

    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .json: json
        case .csv: csv
        case .table: table
        }
    }

    private var comparedPeriod: [(String, OutputValue)] {
        [("with", .string(base.rawValue)), ("from", .string(previousFrom.description)), ("to", .string(previousTo.description))]
    }

    /// The SPEC's JSON with `compare` after the header, and `previous`, `change` and `change_pct` objects after each
    /// row's own figures.
    private var json: String {
        func compared(_ now: [(String, OutputValue)], _ before: [(String, OutputValue)]) -> [(String, OutputValue)] {
            let earlier = Dictionary(before, uniquingKeysWith: { first, _ in first })
            let changes = now.map { name, value in (name, FigureChange(current: value, previous: earlier[name] ?? .null)) }
            return now + [
                ("previous", .object(now.map { name, _ in (name, earlier[name] ?? .null) })),
                ("change", .object(changes.map { ($0.0, $0.1.change) })),
                ("change_pct", .object(changes.map { ($0.0, $0.1.percent) })),
            ]
        }
        let object = OutputValue.object(
            current.header + [
                ("compare", .object(comparedPeriod)),
                ("rows", .array(rows.map { .object([("key", .string($0.key))] + compared($0.current, $0.previous)) })),
                ("unattributed", .object(compared(current.unattributedFigures, previous.unattributedFigures))),
                ("totals", .object(compared(current.totalFigures, previous.totalFigures))),
            ])
        return object.prettyJSON + "\n"
    }

    /// One line per key with every figure as `name`, `name_previous`, `name_change`, `name_change_pct`.
    private var csv: String {
        let names = current.totalFigures.map(\.0)
        func line(_ key: String, _ now: [(String, OutputValue)], _ before: [(String, OutputValue)]) -> [OutputValue] {
            let present = Dictionary(now, uniquingKeysWith: { first, _ in first })
            let earlier = Dictionary(before, uniquingKeysWith: { first, _ in first })
            return [.string(key)] + names.flatMap { name -> [OutputValue] in
                let value = present[name] ?? .null
                let old = earlier[name] ?? .null
                let change = FigureChange(current: value, previous: old)
                return [value, old, change.change, change.percent]
            }
        }
        let columns = [current.options.dimension.rawValue]
            + names.flatMap { [$0, "\($0)_previous", "\($0)_change", "\($0)_change_pct"] }
        let lines = rows.map { line($0.key, $0.current, $0.previous) } + [
            line("(unattributed)", current.unattributedFigures, previous.unattributedFigures),
            line("(total)", current.totalFigures, previous.totalFigures),
        ]
        return Listing(columns: columns, rows: lines).csv
    }

    /// Each key on four lines: its figures, then `previous`, `change` and `change %` beneath it, as a tree.
    private var table: String {
        let columns = current.tableColumns
        func lines(_ key: String, _ now: [(String, OutputValue)], _ before: [(String, OutputValue)]) -> [[OutputValue]] {
            let present = Dictionary(now, uniquingKeysWith: { first, _ in first })
            let earlier = Dictionary(before, uniquingKeysWith: { first, _ in first })
            let changes = columns.map { FigureChange(current: present[$0] ?? .null, previous: earlier[$0] ?? .null) }
            return [
                [.string(key)] + columns.map { ReportNumber.forTable(present[$0] ?? .null, column: $0) },
                [.string("├ previous")] + columns.map { ReportNumber.forTable(earlier[$0] ?? .null, column: $0) },
                [.string("├ change")] + zip(columns, changes).map { Self.tableChange($1.change, column: $0) },
                [.string("└ change %")] + zip(columns, changes).map { Self.tablePercent($1, column: $0) },
            ]
        }
        var listing = Listing(
            columns: [current.options.dimension.rawValue] + columns,
            rows: rows.flatMap { lines($0.key, $0.current, $0.previous) }
                + lines("(unattributed)", current.unattributedFigures, previous.unattributedFigures)
                + lines("(total)", current.totalFigures, previous.totalFigures))
        listing.groupsThousands = true
        listing.nullMark = "—"
        return current.tableTitle + "\ncompared with \(previousFrom) … \(previousTo) (\(base.rawValue))\n\n"
            + listing.table
    }

    /// A change as a table shows it: signed, and in percentage points for the columns shown as percentages.
    static func tableChange(_ change: OutputValue, column: String) -> OutputValue {
        guard ReportNumber.percentColumns.contains(column) else {
            return signed(ReportNumber.forTable(change, column: column))
        }
        guard case .decimal(let text) = change, let ratio = Double(text) else { return change }
        return signed(.decimal(ReportNumber.decimalText(Money.roundedMinorUnits(ratio * 1000), digits: 1) + " pp"))
    }

    /// A percent change as a table shows it; where a percentage would mislead (a negative base or a change of sign),
    /// a ratio's change in points (`+50.0 pp` for a ROMI from −0.20 to 0.30), else `—`.
    static func tablePercent(_ change: FigureChange, column: String) -> OutputValue {
        guard change.crossesZero else { return signed(ReportNumber.forTable(change.percent, percent: true)) }
        guard ReportNumber.percentColumns.contains(column) || ReportNumber.returnColumns.contains(column),
            case .decimal(let text) = change.change, let ratio = Double(text)
        else { return .null }
        return signed(.decimal(ReportNumber.decimalText(Money.roundedMinorUnits(ratio * 1000), digits: 1) + " pp"))
    }

    /// `+12.5`: a positive number with its sign, for a change.
    static func signed(_ value: OutputValue) -> OutputValue {
        guard case .decimal(let text) = value, !text.hasPrefix("-"), text.contains(where: { $0 >= "1" && $0 <= "9" })
        else { return value }
        return .decimal("+" + text)
    }
}
