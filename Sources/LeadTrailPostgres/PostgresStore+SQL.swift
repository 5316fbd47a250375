#if Postgres
import LeadTrailStore

/// The PostgreSQL store is a ``SQLStore``: the queries it shares with SQLite's run over its ``SQLConnection``.
extension PostgresStore: SQLStore {
    package typealias Transaction = SQLConnection
}
#endif
