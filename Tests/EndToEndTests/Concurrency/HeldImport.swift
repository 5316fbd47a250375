import Foundation
import GRDB
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `leadtrail import clicks` reading a FIFO that the test feeds and then keeps open: the import's transaction
/// stays open (holding the write lock, its rows written but not committed) for as long as the test likes, on any
/// machine, however busy.
///
/// The test proves the transaction is open by trying `BEGIN IMMEDIATE` on its own connection and finding the
/// database busy (``writeLockIsHeld(_:)``), before and after whatever it runs meanwhile.
final class HeldImport {
    let command: RunningCommand
    private var descriptor: Int32 = -1
    private let database: URL

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts the import of `lines` and returns once its transaction holds the write lock.
    ///
    /// The importer may open its file more than once (a digest first, then the records): each time it opens the
    /// FIFO the test writes the lines; the session in which the write lock turns up is kept open.
    init(_ ws: Workspace, lines: [String], name: String = "held.ndjson") throws {
        database = ws.defaultDatabase
        let fifo = ws.path(name).path
        guard mkfifo(fifo, 0o600) == 0 else { throw Failure(description: "mkfifo \(fifo) failed: errno \(errno)") }
        command = try RunningCommand(ws, ["import", "clicks", name])
        let data = Data(lines.map { $0 + "\n" }.joined().utf8)
        let deadline = Date().addingTimeInterval(90)
        // The first session is the importer's look at the file's head, which waits for the end of the file and never
        // takes the lock; later ones are the records, where the lock must turn up before the test ends the file.
        // On a loaded machine (CI ran this suite ten times slower) that takes longer than the first wait.
        var window: TimeInterval = 1.5
        while Date() < deadline {
            let fd = open(fifo, O_WRONLY | O_NONBLOCK)
            guard fd >= 0 else {
                guard errno == ENXIO, command.isRunning else { break }
                usleep(10_000)
                continue
            }
            _ = fcntl(fd, F_SETFL, 0)
            let written = data.withUnsafeBytes { bytes in write(fd, bytes.baseAddress, bytes.count) }
            guard written == data.count else {
                close(fd)
                break
            }
            let probeUntil = Date().addingTimeInterval(window)
            window = 20
            while Date() < probeUntil && command.isRunning {
                if try Self.writeLockIsHeld(database) {
                    descriptor = fd
                    return
                }
                usleep(20_000)
            }
            close(fd)
            usleep(100_000)
        }
        let result = command.signal(SIGKILL)
        throw Failure(description: "the import never held the write lock:\n\(result)")
    }

    /// Whether some connection holds the write lock of `file` now: `BEGIN IMMEDIATE` fails at once when it does.
    static func writeLockIsHeld(_ file: URL) throws -> Bool {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        do {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
            }
            return false
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            return true
        }
    }

    var isHoldingTheLock: Bool { (try? Self.writeLockIsHeld(database)) ?? false }

    /// Ends the file: the import reads to the end, commits and exits.
    func release() -> RunResult {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        return command.wait()
    }

    /// Ctrl-C to the import while its transaction is open.
    func interrupt() -> RunResult {
        let result = command.signal(SIGINT)
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        return result
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if command.isRunning { _ = command.signal(SIGKILL) }
    }
}

/// `count` distinct clicks as NDJSON lines.
func clickLines(_ count: Int, prefix: String) -> [String] {
    (0..<count).map { index in
        #"{"id":"\#(prefix)-\#(index)","at":"2026-10-01T10:\#(index % 50 + 10):00Z","visitor":"\#(prefix)-v\#(index)","url":"https://laska-studio.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=autumn"}"#
    }
}
