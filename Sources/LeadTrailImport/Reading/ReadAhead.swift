import Foundation

/// Reads a stream's items on a thread of its own, a few batches ahead of the one that writes them, so that parsing
/// the file and writing the rows share the machine's cores instead of taking turns.
///
/// The items, and a problem with the file as a whole, reach ``next()`` in the file's order, exactly as reading them
/// in place would give them; a problem comes after the items read before it. At most `depth` batches of `size` items
/// wait, so memory stays bounded however large the file. ``stop()`` ends the reading thread when the writer gives
/// up early (an invalid record, a store error); ``ImportStream`` calls it when it goes.
///
/// Unchecked `Sendable`: the producing closure runs only on the reading thread, the consumer's state is touched only
/// by the thread that calls ``next()``, and everything the two share is guarded by `condition`.
final class ReadAhead<Record>: @unchecked Sendable {
    private let condition = NSCondition()
    // Shared, under `condition`.
    private var batches: [(items: [ImportItem<Record>], bytesRead: Int64)] = []
    private var ended = false
    private var failure: ImportFileError?
    private var stopped = false
    private var handedBytes: Int64 = 0
    // The consumer's own.
    private var current: [ImportItem<Record>] = []
    private var index = 0

    /// The reader's closures moved to its thread: unchecked `Sendable`, as no other thread calls them after.
    private struct ReaderClosures: @unchecked Sendable {
        let produce: () throws(ImportFileError) -> ImportItem<Record>?
        let bytesRead: () -> Int64
    }

    init(
        produce: @escaping () throws(ImportFileError) -> ImportItem<Record>?, bytesRead: @escaping () -> Int64,
        size: Int = 1_000, depth: Int = 4
    ) {
        // Handed to the reading thread, the only one that calls them from now on.
        let reader = ReaderClosures(produce: produce, bytesRead: bytesRead)
        let thread = Thread { [self] in
            self.read(reader.produce, bytesRead: reader.bytesRead, size: size, depth: depth)
        }
        // JSON nests: give the reader the stack the main thread has.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The bytes of the file read for the items handed out so far.
    var bytesRead: Int64 {
        condition.lock()
        defer { condition.unlock() }
        return handedBytes
    }

    /// The next item, or nil at the end; throws the file's problem after the items before it.
    func next() throws(ImportFileError) -> ImportItem<Record>? {
        while index == current.count {
            condition.lock()
            while batches.isEmpty && !ended { condition.wait() }
            guard !batches.isEmpty else {
                let failure = failure
                condition.unlock()
                if let failure { throw failure }
                return nil
            }
            let batch = batches.removeFirst()
            handedBytes = batch.bytesRead
            condition.signal()
            condition.unlock()
            current = batch.items
            index = 0
        }
        defer { index += 1 }
        return current[index]
    }

    /// Ends the reading thread at its next batch; the items it read are dropped.
    func stop() {
        condition.lock()
        stopped = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private func read(
        _ produce: () throws(ImportFileError) -> ImportItem<Record>?, bytesRead: () -> Int64, size: Int, depth: Int
    ) {
        var batch: [ImportItem<Record>] = []
        batch.reserveCapacity(size)
        do throws(ImportFileError) {
            while let item = try produce() {
                batch.append(item)
                if batch.count == size {
                    guard hand(batch, bytesRead: bytesRead(), depth: depth) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { guard hand(batch, bytesRead: bytesRead(), depth: depth) else { return } }
            finish(nil)
        } catch {
            if !batch.isEmpty { guard hand(batch, bytesRead: bytesRead(), depth: depth) else { return } }
            finish(error)
        }
    }

    /// Queues a batch, waiting while `depth` batches wait already; false once the consumer stopped.
    private func hand(_ items: [ImportItem<Record>], bytesRead: Int64, depth: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= depth && !stopped { condition.wait() }
        guard !stopped else { return false }
        batches.append((items, bytesRead))
        condition.signal()
        return true
    }

    private func finish(_ error: ImportFileError?) {
        condition.lock()
        ended = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }
}

