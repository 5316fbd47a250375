#if Postgres
/// A value bound to a `?` of a query: the three kinds LeadTrail stores (BIGINT, TEXT, NULL).
public enum PostgresValue: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral,
    ExpressibleByNilLiteral
{
    case null
    case integer(Int64)
    case text(String)

    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(nilLiteral: ()) { self = .null }

    /// An optional integer: NULL when nil.
    public init(_ value: Int64?) { self = value.map(PostgresValue.integer) ?? .null }
    /// An optional integer: NULL when nil.
    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    /// An optional text: NULL when nil.
    public init(_ value: String?) { self = value.map(PostgresValue.text) ?? .null }
    /// A flag as SQLite's schema keeps it: 1 or 0.
    public init(_ value: Bool) { self = .integer(value ? 1 : 0) }
}
#endif
