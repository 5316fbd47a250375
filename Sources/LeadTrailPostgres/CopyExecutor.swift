#if Postgres
import Dispatch

/// The executor postgres-nio's `async` COPY runs on: a serial dispatch queue of its own, never Swift's cooperative
/// pool.
///
/// A store call blocks its thread until the server answers (``PostgresSession``). When that thread is one of the
/// cooperative pool's few (a test, the server's store actor), a task on the pool that should finish the COPY could
/// find every pool thread waiting and never run; this queue's thread is always free to run it.
final class CopyExecutor: TaskExecutor, Sendable {
    static let shared = CopyExecutor()

    private let queue = DispatchQueue(label: "leadtrail.postgres.copy")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
#endif
