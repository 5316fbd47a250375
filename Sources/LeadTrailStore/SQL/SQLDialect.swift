/// Which SQL a ``SQLTransaction`` speaks: the few fragments that differ between SQLite and PostgreSQL, chosen here
/// once so that every shared query is written once.
package enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// The smaller of two values in one row: SQLite's two-argument `MIN`, PostgreSQL's `LEAST`.
    package func least(_ first: String, _ second: String) -> String {
        switch self {
        case .sqlite: "MIN(\(first), \(second))"
        case .postgres: "LEAST(\(first), \(second))"
        }
    }

    /// The larger of two values in one row: SQLite's two-argument `MAX`, PostgreSQL's `GREATEST`.
    package func greatest(_ first: String, _ second: String) -> String {
        switch self {
        case .sqlite: "MAX(\(first), \(second))"
        case .postgres: "GREATEST(\(first), \(second))"
        }
    }

    /// The id a new lead gets: one more than the highest id any lead ever had — the leads' own, the ids of leads
    /// merged or folded away, which keep pointing at their lead (`lead_redirect`), and the highest one a delete
    /// removed (`id_high_water`, schema 23: an undone import's leads). So an id a user saw is never given to another
    /// lead.
    package var nextLeadID: String {
        let kept = greatest(
            "COALESCE((SELECT MAX(id) FROM lead), 0)", "COALESCE((SELECT MAX(lead_id) FROM lead_redirect), 0)")
        return "(SELECT \(greatest(kept, Self.highWater("lead"))) + 1)"
    }

    /// The id a new row of `table` gets: one more than both its highest id and the highest one a delete removed
    /// (`id_high_water`, kept for leads and deals; 0 for other tables), so that a deal's number is never given again
    /// after an undo removed it.
    package func nextID(_ table: String) -> String {
        "(SELECT \(greatest("COALESCE((SELECT MAX(id) FROM \(table)), 0)", Self.highWater(table))) + 1)"
    }

    /// The highest id of `table` a delete removed, or 0.
    private static func highWater(_ table: String) -> String {
        "COALESCE((SELECT last_id FROM id_high_water WHERE table_name = '\(table)'), 0)"
    }

    /// The rows of `touch` (as `alias`) a write added: ids above the highest one before it began (the statement's one
    /// `?`). Bounded above by the table's highest id too, so that both planners read the new rows by the primary key:
    /// with the lower bound alone, SQLite walked the whole click-id index and PostgreSQL's generic plan scanned the
    /// whole table (60 ms on 3M touches, paid by every `lead add` and every webhook).
    package static func touchesAdded(_ alias: String) -> String {
        "\(alias).id > ? AND \(alias).id <= (SELECT MAX(id) FROM touch)"
    }

    /// The text at `key` of a JSON object kept in a TEXT column (NULL when missing).
    package func jsonText(_ column: String, key: String) -> String {
        switch self {
        case .sqlite: "json_extract(\(column), '$.\(key)')"
        case .postgres: "(\(column)::json->>'\(key)')"
        }
    }

    /// The integer at `key` of a JSON object kept in a TEXT column (NULL when missing).
    package func jsonInteger(_ column: String, key: String) -> String {
        switch self {
        case .sqlite: "json_extract(\(column), '$.\(key)')"
        case .postgres: "(\(column)::json->>'\(key)')::bigint"
        }
    }

    /// A JSON object kept in a TEXT column with the text at `key` set to the value bound to the next `?`.
    package func jsonSettingText(_ column: String, key: String) -> String {
        switch self {
        case .sqlite: "json_set(\(column), '$.\(key)', ?)"
        case .postgres: "jsonb_set(\(column)::jsonb, '{\(key)}', to_jsonb(?::text))::text"
        }
    }

    /// A JSON object kept in a TEXT column with the integer at `key` set to the value bound to the next `?`.
    package func jsonSettingInteger(_ column: String, key: String) -> String {
        switch self {
        case .sqlite: "json_set(\(column), '$.\(key)', ?)"
        case .postgres: "jsonb_set(\(column)::jsonb, '{\(key)}', to_jsonb(?::bigint))::text"
        }
    }

    /// The sum of an integer column as an integer: PostgreSQL's `SUM` of a BIGINT is a NUMERIC.
    package func integerSum(_ expression: String) -> String {
        switch self {
        case .sqlite: "SUM(\(expression))"
        case .postgres: "SUM(\(expression))::bigint"
        }
    }
}
