/// A Swift type a column of a ``SQLRow`` converts to.
///
/// Lenient as the stores' rows need: a NULL reads as zero, `""` or false where the type has no nil (the schema's
/// NOT NULL columns never hold one), never a trap.
package protocol SQLValueConvertible {
    init(sqlValue: SQLValue)
}

extension Int64: SQLValueConvertible {
    package init(sqlValue: SQLValue) {
        switch sqlValue {
        case .integer(let value): self = value
        case .text(let text): self = Int64(text) ?? 0
        case .null: self = 0
        }
    }
}

extension Int: SQLValueConvertible {
    package init(sqlValue: SQLValue) {
        let wide = Int64(sqlValue: sqlValue)
        self = Int(exactly: wide) ?? 0
    }
}

extension Bool: SQLValueConvertible {
    package init(sqlValue: SQLValue) { self = Int64(sqlValue: sqlValue) != 0 }
}

extension String: SQLValueConvertible {
    package init(sqlValue: SQLValue) {
        switch sqlValue {
        case .text(let text): self = text
        case .integer(let value): self = String(value)
        case .null: self = ""
        }
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    package init(sqlValue: SQLValue) {
        if case .null = sqlValue { self = .none } else { self = Wrapped(sqlValue: sqlValue) }
    }
}
