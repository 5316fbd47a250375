#if Server
import Dispatch
import LeadTrailCore
import LeadTrailStore
import Synchronization

/// The server's one writer: every change a request makes is written here, on a thread of its own, and the request is
/// answered only after the transaction that holds its change has committed (a 2xx means stored).
///
/// Clicks are group-committed: while one transaction commits, the clicks that arrive meanwhile wait, and the next
/// transaction writes all of them (at most ``maxBatch``) through the store's ``ServerTables/addTouches(_:)`` (one
/// `BEGIN IMMEDIATE … COMMIT` on SQLite, multi-row `INSERT`s in one transaction on PostgreSQL). An idle server writes
/// a lone click at once (no timer delays it); a busy one pays for one commit per batch instead of one per click.
/// Other work (a webhook's import batch, a Meta lead id) runs in its own transaction, in arrival order between the
/// batches, so each keeps exactly the transaction `import forms` gives it.
///
/// The rule is the same for every store; only "write these clicks in one transaction" is the store's own. Both
/// stores block the thread they run on (SQLite's C calls, PostgreSQL's waits on its connection); doing it here keeps
/// the network threads and Swift's cooperative pool free.
final class GroupWriter: Sendable {
    /// The most clicks one transaction writes.
    static let maxBatch = 1024

    /// A change waiting for the writer.
    private enum Pending: Sendable {
        case touch(Touch, CheckedContinuation<Bool, any Error>)
        case job(@Sendable (StoreConnection) -> Void)
    }

    private struct State: Sendable {
        var pending: [Pending] = []
        /// Whether the writer's queue is draining `pending` (a new change then needs no new wake-up).
        var draining = false
    }

    /// The writer's own connection to the store, touched only on ``queue``.
    private nonisolated(unsafe) let connection: StoreConnection
    private let queue = DispatchQueue(label: "leadtrail.serve.writer", qos: .userInitiated)
    private let state = Mutex(State())
    private let written = Atomic<Int>(0)
    private let transactions = Atomic<Int>(0)

    /// A writer over `connection`, a connection of its own that nothing else uses.
    init(connection: StoreConnection) {
        self.connection = connection
    }

    /// Clicks written so far and the transactions that wrote them (the log's `stopped` line reports both).
    var counts: (touches: Int, transactions: Int) {
        (written.load(ordering: .relaxed), transactions.load(ordering: .relaxed))
    }

    /// Stores a click with the others waiting; returns once its transaction committed (whether it was new).
    func addTouch(_ touch: Touch) async throws -> Bool {
        try await withCheckedThrowingContinuation { continuation in
            enqueue(.touch(touch, continuation))
        }
    }

    /// Runs `body` on the writer's thread, in turn with the click batches; its own transactions are its own.
    func perform<T: Sendable>(_ body: @escaping @Sendable (any LeadTrailDatabase) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            enqueue(.job { connection in continuation.resume(with: Result { try connection.use(body) }) })
        }
    }

    private func enqueue(_ change: Pending) {
        let wake = state.withLock { state in
            state.pending.append(change)
            guard !state.draining else { return false }
            state.draining = true
            return true
        }
        if wake { queue.async { self.drain() } }
    }

    /// Writes what is pending, batch after batch, until nothing is.
    private func drain() {
        while true {
            let taken: [Pending] = state.withLock { state in
                guard !state.pending.isEmpty else {
                    state.draining = false
                    return []
                }
                let count = min(state.pending.count, Self.maxBatch)
                let taken = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                return taken
            }
            guard !taken.isEmpty else { return }
            write(taken)
        }
    }

    /// Runs consecutive clicks as one transaction and every other job on its own, in order.
    private func write(_ changes: [Pending]) {
        var touches: [(Touch, CheckedContinuation<Bool, any Error>)] = []
        for change in changes {
            switch change {
            case .touch(let touch, let continuation):
                touches.append((touch, continuation))
            case .job(let body):
                commit(touches)
                touches.removeAll()
                body(connection)
            }
        }
        commit(touches)
    }

    /// One transaction for the clicks; when it fails, each click on its own so that one bad row fails only itself.
    private func commit(_ touches: [(Touch, CheckedContinuation<Bool, any Error>)]) {
        guard !touches.isEmpty else { return }
        do {
            let added = try connection.use { try $0.addTouches(touches.map(\.0)) }
            count(touches.count, transactions: 1)
            for ((_, continuation), new) in zip(touches, added) { continuation.resume(returning: new) }
        } catch {
            guard touches.count > 1 else {
                touches[0].1.resume(throwing: error)
                return
            }
            for (touch, continuation) in touches {
                do {
                    let added = try connection.use { try $0.addTouches([touch]) }
                    count(1, transactions: 1)
                    continuation.resume(returning: added.first ?? false)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private func count(_ touches: Int, transactions committed: Int) {
        written.wrappingAdd(touches, ordering: .relaxed)
        transactions.wrappingAdd(committed, ordering: .relaxed)
    }
}
#endif
