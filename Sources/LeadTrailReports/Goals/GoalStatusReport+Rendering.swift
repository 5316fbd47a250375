import LeadTrailCore

extension GoalStatusReport {
    /// JSON: one object with the header and a `goals` array; CSV: one row per goal; a table for reading.
    ///
    /// Money prints in major units of the goal's currency, ratios and counts to six decimals, the elapsed share as
    /// a fraction; a null actual (a zero denominator, or a period not started) is JSON null and `—` in a table, an unbounded cost
    /// per unit `∞`; `missing_rate` names the pair and day a "no rate" goal lacks (`USD→RUB on 2026-10-15`).
    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .json:
            let object = OutputValue.object([
                ("report", .string("goal_status")), ("as_of", .string(asOf.description)),
                ("timezone", .string(timeZoneName)), ("model", .string(model.rawValue)),
                ("goals", .array(rows.map { .object(fields($0)) })),
            ])
            return object.prettyJSON + "\n"
        case .csv:
            let columns = fields(nil).map(\.0)
            return Listing(columns: columns, rows: rows.map { fields($0).map(\.1) }).csv
        case .table:
            var listing = Listing(
                columns: ["id", "metric", "scope", "period", "target", "actual", "elapsed", "projection", "status"],
                rows: rows.map { row in
                    [
                        .integer(row.goal.id), .string(row.metric.rawValue), .string(row.scopeText),
                        .string("\(row.goal.from)…\(row.goal.to)"),
                        .decimal((row.metric.isCost ? "≤ " : "≥ ") + row.formatted(row.target)),
                        .decimal(row.formattedActual),
                        .decimal(ReportNumber.forTable(ReportNumber.ratio(row.elapsedShare), percent: true).plainText),
                        .decimal(row.formattedProjection), .string(row.status.displayText),
                    ]
                })
            listing.nullMark = "—"
            let title = "Goals as of \(asOf) · \(timeZoneName) · \(model.rawValue) model"
            guard !rows.isEmpty else { return title + "\n\nNo goals yet: add one with 'leadtrail goal set'.\n" }
            return title + "\n\n" + listing.table
        }
    }

    /// A goal's JSON and CSV fields, in order; the names alone when `row` is nil.
    private func fields(_ row: GoalProgress?) -> [(String, OutputValue)] {
        guard let row else {
            return [
                "id", "metric", "direction", "scope", "key", "from", "to", "through", "currency", "target", "actual",
                "elapsed_share", "projection", "status", "missing_rate",
            ].map { ($0, .null) }
        }
        return [
            ("id", .integer(row.goal.id)), ("metric", .string(row.metric.rawValue)),
            ("direction", .string(row.metric.isCost ? "at_most" : "at_least")),
            ("scope", .string(row.goal.scope.kind)), ("key", .text(row.goal.scope.key)),
            ("from", .string(row.goal.from.description)), ("to", .string(row.goal.to.description)),
            ("through", .text(row.through?.description)), ("currency", .text(row.currency?.code)),
            ("target", row.output(row.target)), ("actual", row.output(row.actual)),
            ("elapsed_share", ReportNumber.ratio(row.elapsedShare)), ("projection", row.output(row.projection)),
            ("status", .string(row.status.rawValue)), ("missing_rate", .text(row.missingRate?.pairText)),
        ]
    }
}
