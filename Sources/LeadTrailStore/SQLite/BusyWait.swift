import Foundation
import GRDB
import Glibc
import Synchronization

/// How a connection waits while another process holds the lock it needs: writers wait for each other, long
/// enough for a large import, and say so once on a terminal.
///
/// SQLite calls the handler again and again while the lock is held; it sleeps a little each time (5 ms at
/// first, then 50 ms) and gives up after ``timeoutSeconds``, when the command fails with "database … is busy".
enum BusyWait {
    /// How long a writer waits for another one: `$LEADTRAIL_BUSY_TIMEOUT` seconds, else 15 minutes.
    static let timeoutSeconds: Int = {
        if let text = ProcessInfo.processInfo.environment["LEADTRAIL_BUSY_TIMEOUT"], let seconds = Int(text),
            seconds >= 0
        {
            return seconds
        }
        return 900
    }()

    /// Whether this process already said that it waits: one line per command is enough.
    private static let announced = Atomic<Bool>(false)

    /// The busy handler of a connection to `path`; `announces` prints the waiting line (for writers).
    static func handler(path: String, announces: Bool) -> Database.BusyCallback {
        let limit = Double(timeoutSeconds)
        return { tries in
            if tries == 1 && announces && isatty(STDERR_FILENO) == 1
                && !announced.exchange(true, ordering: .relaxed)
            {
                let line = "waiting for another import to finish… (\(path) is being written by another leadtrail)\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
            let waited = tries < 20 ? Double(tries) * 0.005 : 0.1 + Double(tries - 20) * 0.05
            guard waited < limit else { return false }
            usleep(tries < 20 ? 5_000 : 50_000)
            return true
        }
    }
}
