/// A row read whole into values, for the small queries both stores share: `row["lead_id"]` as GRDB's rows read.
///
/// Booleans read as 1 and 0 (the schema's flags). Each store fills it from its own driver's row.
package struct SQLRow {
    package private(set) var values: [String: SQLValue]

    package init(values: [String: SQLValue]) {
        self.values = values
    }

    /// The value of a column converted to the type asked for (a missing column or NULL reads as nil or zero).
    package subscript<T: SQLValueConvertible>(_ column: String) -> T {
        T(sqlValue: values[column] ?? .null)
    }

    /// Whether the column is NULL or missing.
    package func isNull(_ column: String) -> Bool {
        if case .null = values[column] ?? .null { return true }
        return false
    }
}
