#if Server
import Dispatch
import LeadTrailCore
import LeadTrailStore
import Logging
import Synchronization

/// The server's one writer: every change a request makes is written here, on a thread of its own, and the request is
/// answered only after the transaction that holds its change has committed (a 2xx means stored) — except a click
/// whose write another process holds up (see ``addTouch(_:answeringWithin:)``).
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
        case touch(Touch, ClickWaiter)
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
    /// Clicks answered before their write, not yet written.
    private let answeredUnwritten = Atomic<Int>(0)
    private let logger: Logger

    /// A writer over `connection`, a connection of its own that nothing else uses.
    init(connection: StoreConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Clicks written so far and the transactions that wrote them (the log's `stopped` line reports both).
    var counts: (touches: Int, transactions: Int) {
        (written.load(ordering: .relaxed), transactions.load(ordering: .relaxed))
    }

    /// What became of a click when its request was answered.
    enum ClickWrite: Sendable, Equatable {
        /// Committed; `new` is false when a touch with its key was stored already.
        case written(new: Bool)
        /// Not committed within the wait: it stays queued in memory and is written when the database lets it (and
        /// before a graceful shutdown ends).
        case queued
    }

    static let heldWarning: Logger.Message =
        "the database is held by another writer: clicks are answered before they are written, and kept in memory until it is free"

    /// Stores a click with the others waiting; returns once its transaction committed, or after `limit` with the
    /// click still queued, so that another process holding the database's write lock (a long import, an open
    /// `BEGIN IMMEDIATE`) never holds a visitor's redirect for longer than that.
    func addTouch(_ touch: Touch, answeringWithin limit: Duration) async throws -> ClickWrite {
        let waiter = ClickWaiter()
        return try await withCheckedThrowingContinuation { continuation in
            waiter.wait(continuation)
            enqueue(.touch(touch, waiter))
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(limit.nanoseconds))) {
                guard waiter.answer(.success(.queued)) else { return }
                if self.answeredUnwritten.wrappingAdd(1, ordering: .relaxed).oldValue == 0 {
                    self.logger.warning(Self.heldWarning)
                }
            }
        }
    }

    /// Runs `body` on the writer's thread, in turn with the click batches; its own transactions are its own.
    func perform<T: Sendable>(_ body: @escaping @Sendable (any LeadTrailDatabase) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            enqueue(.job { connection in continuation.resume(with: Result { try connection.use(body) }) })
        }
    }

    /// Runs `body` on the writer's thread, in turn with the click batches, without waiting for it.
    func submit(_ body: @escaping @Sendable (StoreConnection) -> Void) {
        enqueue(.job(body))
    }

    /// Clicks answered before their write and not written yet: a graceful shutdown waits for them whatever else
    /// it gives up waiting for.
    var clicksAnsweredUnwritten: Int { answeredUnwritten.load(ordering: .relaxed) }

    /// Says, at a graceful shutdown, how many clicks answered before their write are still to be written.
    func announceFinish() {
        let queued = answeredUnwritten.load(ordering: .relaxed)
        if queued > 0 { logger.info("writing \(queued) clicks answered before their write") }
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
        var touches: [(Touch, ClickWaiter)] = []
        for change in changes {
            switch change {
            case .touch(let touch, let waiter):
                touches.append((touch, waiter))
            case .job(let body):
                commit(touches)
                touches.removeAll()
                body(connection)
            }
        }
        commit(touches)
    }

    /// One transaction for the clicks; when it fails, each click on its own so that one bad row fails only itself.
    /// A click already answered is never dropped because the database stayed locked: it is written again later.
    private func commit(_ touches: [(Touch, ClickWaiter)]) {
        guard !touches.isEmpty else { return }
        do {
            let added = try connection.use { try $0.addTouches(touches.map(\.0)) }
            count(touches.count, transactions: 1)
            for ((_, waiter), new) in zip(touches, added) { settle(waiter, .success(.written(new: new))) }
        } catch {
            if case StoreError.busy = error {
                var again: [Pending] = []
                for (touch, waiter) in touches {
                    // A request still waiting hears of the failure; one answered already is tried again.
                    if !waiter.answer(.failure(error)) { again.append(.touch(touch, waiter)) }
                }
                if !again.isEmpty { state.withLock { $0.pending.insert(contentsOf: again, at: 0) } }
                return
            }
            guard touches.count > 1 else {
                settle(touches[0].1, .failure(error))
                return
            }
            for (touch, waiter) in touches {
                do {
                    let added = try connection.use { try $0.addTouches([touch]) }
                    count(1, transactions: 1)
                    settle(waiter, .success(.written(new: added.first ?? false)))
                } catch {
                    settle(waiter, .failure(error))
                }
            }
        }
    }

    /// Answers a click's request with its write, unless it was answered already (then it only counts it written, or
    /// says it was lost).
    private func settle(_ waiter: ClickWaiter, _ result: Result<ClickWrite, any Error>) {
        guard !waiter.answer(result) else { return }
        let left = answeredUnwritten.wrappingSubtract(1, ordering: .relaxed).newValue
        switch result {
        case .success:
            if left == 0 { logger.info("the clicks answered before their write are written") }
        case .failure(let error):
            logger.error("a click answered before its write could not be written: \(error)")
        }
    }

    private func count(_ touches: Int, transactions committed: Int) {
        written.wrappingAdd(touches, ordering: .relaxed)
        transactions.wrappingAdd(committed, ordering: .relaxed)
    }
}

/// A click's request waiting for its write: answered once, by the commit or by the redirect's deadline.
final class ClickWaiter: Sendable {
    private let continuation = Mutex<CheckedContinuation<GroupWriter.ClickWrite, any Error>?>(nil)

    func wait(_ waiting: CheckedContinuation<GroupWriter.ClickWrite, any Error>) {
        continuation.withLock { $0 = waiting }
    }

    /// Answers the request; false when it was answered already.
    @discardableResult
    func answer(_ result: Result<GroupWriter.ClickWrite, any Error>) -> Bool {
        guard let waiting = continuation.withLock({ $0.take() }) else { return false }
        waiting.resume(with: result)
        return true
    }
}
#endif
