#if Server
import Dispatch
import Foundation
import LeadTrailCore
import LeadTrailStore
import Logging
import Synchronization

/// The durable inbox of webhook deliveries: a lead a customer just submitted is never lost and its sender is
/// answered quickly, even while another process holds the database (a long `import clicks`, an `import forms`).
///
/// A delivery is written by the server's one writer, as before, and answered after its commit; when that commit has
/// not come within the configured wait (``ServerConfiguration/deliveryWait``), the delivery is kept in a file of the
/// inbox folder (flushed to the disk) and answered as queued. Its write stays queued on the writer, in arrival order
/// with the others: once the database is free it commits and the file is removed. A file no write is queued for (left
/// by a server killed before its write, or a write the database refused for a while) is written by a drain of the
/// folder: at start, before any new delivery, and every second while one waits; oldest first. A delivery that cannot
/// be written (invalid for this version, a rule of the store refused it) is moved to `failed/` with one log line that
/// names its file and why: never dropped and never retried forever.
///
/// Writing a delivery twice is harmless: it is the same submission (its receive time is kept with it), so the second
/// write finds it `already received`, as a sender's retry does.
final class Inbox: Sendable {
    /// What a delivery's request is answered with.
    enum Answer: Sendable {
        /// Committed.
        case written(QueuedDelivery.Written)
        /// Kept in the inbox, written when the database lets the writer.
        case queued
    }

    let folder: InboxFolder
    private let writer: GroupWriter
    private let logger: Logger
    private let timeZone: TimeZone
    /// The files whose delivery's own write is still queued on the writer: a drain leaves them to it.
    private let owned = Mutex<Set<String>>([])
    /// Whether a file may wait with no write of its own queued: a drain is due.
    private let orphans = Atomic<Bool>(false)
    private let drainQueued = Atomic<Bool>(false)
    /// Whether deliveries were kept since the inbox was last found empty (the log says so once, then when it empties).
    private let holding = Atomic<Bool>(false)
    /// Whether a drain found the database held since it last wrote (said once).
    private let drainWaiting = Atomic<Bool>(false)
    /// Set at shutdown: the checks every second stop.
    private let stopped = Flag()

    init(folder: InboxFolder, writer: GroupWriter, logger: Logger, timeZone: TimeZone) {
        self.folder = folder
        self.writer = writer
        self.logger = logger
        self.timeZone = timeZone
    }

    /// How many deliveries wait in the inbox now.
    var count: Int { folder.waiting.count }

    /// `N deliveries waiting in the inbox`, for `/healthz` and the `stopped` line.
    static func waitingText(_ count: Int) -> String {
        "\(count) \(count == 1 ? "delivery" : "deliveries") waiting in the inbox"
    }

    /// Queues the drain of what an earlier run left (before any new delivery: they arrived first) and starts the
    /// check, every second, for files waiting with no write queued.
    func start() {
        let left = count
        if left > 0 {
            logger.info("\(Self.waitingText(left)) \(folder.url.path) from an earlier run: writing them")
            orphans.store(true, ordering: .relaxed)
            queueDrain()
        }
        scheduleTick()
    }

    private func scheduleTick() {
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) {
            guard !self.stopped.isSet else { return }
            self.tick()
            self.scheduleTick()
        }
    }

    /// Writes `delivery`; returns after its commit, or after `limit` with the delivery kept in the inbox (its write
    /// still queued). When the inbox cannot keep it (a full disk), the request waits for the write as before and the
    /// log says why.
    func deliver(_ delivery: QueuedDelivery, answeringWithin limit: Duration) async throws -> Answer {
        let ticket = DeliveryTicket()
        return try await withCheckedThrowingContinuation { continuation in
            ticket.wait(continuation)
            writer.submit { connection in
                if self.orphans.load(ordering: .relaxed) { self.drain(connection) }
                let result = Result { try connection.use { try delivery.write(to: $0, timeZone: self.timeZone) } }
                self.settle(ticket, result)
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(limit.nanoseconds))) {
                self.keep(delivery, ticket)
            }
        }
    }

    /// At a graceful shutdown, after the last request was answered: waits for the writes queued (the clicks
    /// answered before their write, however long) and drains the inbox, for at most `bound` once no click waits.
    /// Returns how many deliveries are left in the inbox for the next start.
    func finish(within bound: Duration) async -> Int {
        stopped.set()
        orphans.store(true, ordering: .relaxed)
        let done = Flag()
        writer.submit { connection in
            self.drain(connection)
            done.set()
        }
        let clock = ContinuousClock()
        let deadline = clock.now + bound
        while writer.clicksAnsweredUnwritten > 0 || !(done.isSet || clock.now >= deadline) {
            try? await Task.sleep(for: .milliseconds(50))
        }
        return count
    }

    // MARK: Keeping a delivery

    /// The wait is over: unless the write committed meanwhile, the delivery goes into the inbox and its request is
    /// answered as queued.
    private func keep(_ delivery: QueuedDelivery, _ ticket: DeliveryTicket) {
        guard let continuation = ticket.startKeeping() else { return }
        let name = folder.name(receivedAt: delivery.receivedAt.microseconds)
        owned.withLock { _ = $0.insert(name) }
        do {
            try folder.keep(delivery.fileText, as: name)
        } catch {
            owned.withLock { _ = $0.remove(name) }
            logger.error(
                "cannot keep a delivery in the inbox \(folder.url.path): \(error); it is answered after its write")
            if let result = ticket.keepingFailed(continuation) { continuation.resume(with: result.map(Answer.written)) }
            return
        }
        if !holding.exchange(true, ordering: .relaxed) {
            logger.warning(
                "the database is held by another writer: webhook deliveries are answered before they are written and kept in the inbox \(folder.url.path) until it is free"
            )
        }
        guard let result = ticket.kept(name) else {
            continuation.resume(returning: .queued)
            return
        }
        // The write ended while the file was being written: the request hears of it, as it would have.
        switch result {
        case .success(let written):
            settleFile(name, .success(written))
            continuation.resume(returning: .written(written))
        case .failure(let error) where Self.isTransient(error):
            settleFile(name, result)
            continuation.resume(returning: .queued)
        case .failure(let error):
            // Answered with the refusal (422, 500), as without the inbox: the sender knows; nothing to keep.
            folder.remove(name)
            owned.withLock { _ = $0.remove(name) }
            continuation.resume(throwing: error)
        }
    }

    /// The delivery's own write ended (on the writer's thread).
    private func settle(_ ticket: DeliveryTicket, _ result: Result<QueuedDelivery.Written, any Error>) {
        switch ticket.written(result) {
        case .answer(let continuation): continuation.resume(with: result.map(Answer.written))
        case .file(let name): settleFile(name, result)
        case .nothing: break
        }
    }

    /// A kept delivery's write ended: its file is removed once committed, moved aside when it cannot be written, and
    /// left for a drain when the database refused it for now.
    private func settleFile(_ name: String, _ result: Result<QueuedDelivery.Written, any Error>) {
        switch result {
        case .success:
            folder.remove(name)
        case .failure(let error) where Self.isTransient(error):
            orphans.store(true, ordering: .relaxed)
        case .failure(let error):
            moveAside(name, because: ServerFailure.line(error))
        }
        owned.withLock { _ = $0.remove(name) }
        noteIfEmpty()
    }

    // MARK: Draining

    /// Every second: a file waiting with no write queued (an earlier write the database refused, a file put back
    /// from `failed/` by hand) gets a drain.
    private func tick() {
        if !orphans.load(ordering: .relaxed) {
            let mine = owned.withLock { $0 }
            guard folder.waiting.contains(where: { !mine.contains($0) }) else { return }
            orphans.store(true, ordering: .relaxed)
        }
        queueDrain()
    }

    private func queueDrain() {
        guard !drainQueued.exchange(true, ordering: .relaxed) else { return }
        writer.submit { connection in
            self.drainQueued.store(false, ordering: .relaxed)
            self.drain(connection)
        }
    }

    /// Writes the files that wait with no write queued, oldest first, each in its own transaction; stops at the first
    /// the database refuses for now (the next tick tries again).
    private func drain(_ connection: StoreConnection) {
        guard orphans.exchange(false, ordering: .relaxed) else { return }
        let mine = owned.withLock { $0 }
        var written = 0
        defer {
            if written > 0 {
                logger.info("\(written) \(written == 1 ? "delivery" : "deliveries") from the inbox written")
            }
            noteIfEmpty()
        }
        for name in folder.waiting where !mine.contains(name) {
            let delivery: QueuedDelivery
            do { delivery = try QueuedDelivery(fileText: folder.read(name)) } catch {
                moveAside(name, because: "\(error)")
                continue
            }
            do {
                _ = try connection.use { try delivery.write(to: $0, timeZone: timeZone) }
                folder.remove(name)
                written += 1
                drainWaiting.store(false, ordering: .relaxed)
            } catch where Self.isTransient(error) {
                orphans.store(true, ordering: .relaxed)
                if !drainWaiting.exchange(true, ordering: .relaxed) {
                    logger.warning("the inbox waits for the database: \(ServerFailure.line(error))")
                }
                return
            } catch {
                moveAside(name, because: ServerFailure.line(error))
            }
        }
    }

    /// Moves a file that cannot be written into `failed/`, with one log line naming it and why.
    private func moveAside(_ name: String, because reason: String) {
        do {
            try folder.moveAside(name)
            logger.error(
                "inbox: \(name) moved to \(folder.failedURL.path)/: \(reason) (put it back in the inbox to write it again)")
        } catch {
            logger.error("inbox: \(name) cannot be written (\(reason)) and \(error); it stays in the inbox")
        }
    }

    /// Says once, after deliveries were kept, that the inbox is empty again.
    private func noteIfEmpty() {
        guard holding.load(ordering: .relaxed), count == 0, holding.exchange(false, ordering: .relaxed) else { return }
        logger.info("the inbox is empty: every delivery kept in it is written")
    }

    /// Whether the database, not the delivery, refused the write, so that it succeeds later: another writer held the
    /// lock past the wait, or the PostgreSQL connection was lost.
    static func isTransient(_ error: any Error) -> Bool {
        switch error as? StoreError {
        case .busy?, .unreachable?: true
        default: false
        }
    }
}

/// A flag one thread sets and another polls.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}

/// One delivery's request and its write: the request is answered once, by the commit or, after the wait, as kept in
/// the inbox; the write then settles the file instead.
final class DeliveryTicket: Sendable {
    typealias Waiting = CheckedContinuation<Inbox.Answer, any Error>
    typealias Outcome = Result<QueuedDelivery.Written, any Error>

    private enum State {
        case idle
        /// Neither answered nor written.
        case waiting(Waiting)
        /// The wait is over and the file is being written.
        case keeping
        /// The write ended while the file was being written.
        case writtenWhileKeeping(Outcome)
        /// Answered as kept in the file of this name; the write is still to come.
        case kept(String)
        case done
    }

    private let state = Mutex<State>(.idle)

    func wait(_ continuation: Waiting) { state.withLock { $0 = .waiting(continuation) } }

    /// What the end of the write must do.
    enum Settlement {
        case answer(Waiting)
        case file(String)
        case nothing
    }

    func written(_ outcome: Outcome) -> Settlement {
        state.withLock { state in
            switch state {
            case .waiting(let continuation):
                state = .done
                return .answer(continuation)
            case .keeping:
                state = .writtenWhileKeeping(outcome)
                return .nothing
            case .kept(let name):
                state = .done
                return .file(name)
            case .idle, .writtenWhileKeeping, .done:
                return .nothing
            }
        }
    }

    /// The request's continuation when it is still waiting (the file is to be written); nil when it was answered.
    func startKeeping() -> Waiting? {
        state.withLock { state in
            guard case .waiting(let continuation) = state else { return nil }
            state = .keeping
            return continuation
        }
    }

    /// The file is written: nil when the request is to be answered as queued, else the write's end that came first.
    func kept(_ name: String) -> Outcome? {
        state.withLock { state in
            if case .writtenWhileKeeping(let outcome) = state {
                state = .done
                return outcome
            }
            state = .kept(name)
            return nil
        }
    }

    /// The file could not be written: the request waits for the write again (nil), or hears of the write that ended.
    func keepingFailed(_ continuation: Waiting) -> Outcome? {
        state.withLock { state in
            if case .writtenWhileKeeping(let outcome) = state {
                state = .done
                return outcome
            }
            state = .waiting(continuation)
            return nil
        }
    }
}
#endif
