#if Postgres
public import LeadTrailStore

/// A value bound to a `?` of a query: the three kinds LeadTrail stores (BIGINT, TEXT, NULL) — the value both stores
/// share, ``SQLValue``.
public typealias PostgresValue = SQLValue
#endif
