#if Postgres
import LeadTrailStore
import NIOCore
import PostgresNIO

extension PostgresSession {
    /// `COPY table (columns) FROM STDIN` with `rows` as its data, in the connection's open transaction; returns when
    /// the server has taken every row (or throws what it refused, as a ``StoreError``; a unique violation as
    /// ``PostgresErrors/KeyTaken`` when `keyTakenThrown` is set, for a caller that takes another path then).
    ///
    /// postgres-nio's COPY is `async`; like every call of this session it is waited for here, on a future that a
    /// task completes. The task runs on ``CopyExecutor``'s own thread, so the waiting thread (the CLI's main thread,
    /// or one of the cooperative pool's) is never one the task needs.
    func copy(into table: String, columns: [String], rows: CopyTextRows, keyTakenThrown: Bool = false) throws {
        guard rows.rowCount > 0 else { return }
        let connection = self.connection
        let logger = self.logger
        let data = rows.buffer
        let promise = connection.eventLoop.makePromise(of: Void.self)
        Task(executorPreference: CopyExecutor.shared) {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    try await writer.write(data)
                }
                promise.succeed(())
            } catch {
                promise.fail(error)
            }
        }
        do {
            try promise.futureResult.wait()
        } catch {
            if keyTakenThrown, let error = error as? PSQLError, error.serverInfo?[.sqlState] == "23505" {
                throw PostgresErrors.KeyTaken()
            }
            throw PostgresErrors.queryError(error, location: location)
        }
    }
}
#endif
