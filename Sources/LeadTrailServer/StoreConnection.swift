#if Server
import LeadTrailStore

/// One of the server's connections to its store, opened again after the database server dropped it.
///
/// A PostgreSQL server that restarts (or ends the session) leaves the store's connection closed for good; the request
/// that finds it so fails (its change was not committed, so it is answered 500, never 2xx), and the next request
/// opens a new connection. SQLite never loses its file handle this way, so on SQLite this is just the store.
///
/// Not thread-safe: its owner uses it from one place at a time (the writer's queue, an actor).
final class StoreConnection {
    private let open: @Sendable () throws -> any LeadTrailDatabase
    private var store: (any LeadTrailDatabase)?

    /// Opens the first connection now, so a database that cannot be opened stops the server before it listens.
    init(open: @escaping @Sendable () throws -> any LeadTrailDatabase) throws {
        self.open = open
        store = try open()
    }

    /// Runs `body` on the store; a lost connection is dropped (and the error thrown) so the next call reconnects.
    func use<T>(_ body: (any LeadTrailDatabase) throws -> T) throws -> T {
        let current: any LeadTrailDatabase
        if let store {
            current = store
        } else {
            current = try open()
            store = current
        }
        do {
            return try body(current)
        } catch let error as StoreError {
            if case .unreachable = error { store = nil }
            throw error
        }
    }
}
#endif
