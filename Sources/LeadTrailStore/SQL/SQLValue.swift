/// A value bound to a `?` of a query or read from a column: the three kinds LeadTrail stores (an integer, a text,
/// NULL), the same on SQLite and PostgreSQL.
public enum SQLValue: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral,
    ExpressibleByNilLiteral
{
    case null
    case integer(Int64)
    case text(String)

    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(nilLiteral: ()) { self = .null }

    /// An optional integer: NULL when nil.
    public init(_ value: Int64?) { self = value.map(SQLValue.integer) ?? .null }
    /// An optional integer: NULL when nil.
    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    /// An optional text: NULL when nil.
    public init(_ value: String?) { self = value.map(SQLValue.text) ?? .null }
    /// A flag as the schema keeps it: 1 or 0.
    public init(_ value: Bool) { self = .integer(value ? 1 : 0) }
}
