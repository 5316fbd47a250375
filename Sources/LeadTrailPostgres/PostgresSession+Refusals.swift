#if Postgres
import LeadTrailStore
import PostgresNIO

extension PostgresSession {
    /// Runs one statement as ``run(_:_:)`` does, but returns nil when the server refused it with one of
    /// `refusedStates` (SQLSTATEs): for a statement that may decline, leaving the caller to take another way.
    func runUnlessRefused(
        _ sql: String, _ arguments: [PostgresValue], refusedStates: Set<String>
    ) throws -> [PostgresResultRow]? {
        try refuseClosedConnection()
        do {
            return try send(sql, arguments).rows
        } catch let error as PSQLError where error.code == .server
            && refusedStates.contains(error.serverInfo?[.sqlState] ?? "")
        {
            return nil
        } catch {
            throw PostgresErrors.queryError(error, location: location)
        }
    }
}
#endif
