#if Server
import Foundation
import Synchronization
import Testing

/// Another process holding the SQLite write lock (a long import, an open `BEGIN IMMEDIATE`) never holds a visitor's
/// redirect for long: the click is answered after a short wait, stays queued in memory and is written when the lock
/// is free, also when SIGTERM comes first (nothing answered is lost on a graceful shutdown).
@Suite(.serialized) struct LockedDatabaseTests {
    /// A process that holds the database's write lock for `seconds`; returns once it holds it.
    static func holdWriteLock(_ ws: Workspace, seconds: Double) throws -> Process {
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = [
            "-c",
            """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
            c.execute('BEGIN IMMEDIATE')
            print('locked', flush=True)
            time.sleep(float(sys.argv[2]))
            c.execute('COMMIT')
            """,
            ws.defaultDatabase.path, String(seconds),
        ]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        let line = output.fileHandleForReading.availableData
        #expect(String(decoding: line, as: UTF8.self).hasPrefix("locked"))
        return holder
    }

    static func clicks(_ ws: Workspace) throws -> Int {
        try ServerDatabase.count(ws, "SELECT COUNT(*) FROM touch WHERE click_id LIKE 'locked%'")
    }

    @Test func aClickIsAnsweredWhileAnotherProcessHoldsTheLockAndWrittenAfter() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["link", "add", "spring", "--to", "https://shop.example/", "--campaign", "spring-sale"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            let agent = ["User-Agent": "Mozilla/5.0"]
            #expect(try server.request("GET", "/r/spring?yclid=warm", headers: agent).status == 302)

            // Margins wide for a loaded machine: the click waits 1 s by design, the lock holds 8.
            let holder = try Self.holdWriteLock(ws, seconds: 8)
            let start = Date()
            let click = try server.request("GET", "/r/spring?yclid=locked1", headers: agent)
            let waited = Date().timeIntervalSince(start)
            #expect(click.status == 302, "\(click)")
            #expect(waited < 6, "the redirect waited \(waited) s for the lock")
            holder.waitUntilExit()
            // Written once the lock is free.
            let deadline = Date().addingTimeInterval(10)
            while try Self.clicks(ws) < 1 && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            #expect(try Self.clicks(ws) == 1)
            #expect(server.stop() == 0)
            #expect(server.log.contains("warning"), "\(server.log)")
        }
    }

    @Test func sigtermWritesTheClicksAnsweredWhileLockedBeforeItExits() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["link", "add", "spring", "--to", "https://shop.example/", "--campaign", "spring-sale"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            let agent = ["User-Agent": "Mozilla/5.0"]
            let holder = try Self.holdWriteLock(ws, seconds: 8)
            let start = Date()
            let statuses = Mutex<[Int]>([])
            DispatchQueue.concurrentPerform(iterations: 3) { number in
                let status = (try? server.request("GET", "/r/spring?yclid=locked\(number)", headers: agent))?.status
                statuses.withLock { $0.append(status ?? 0) }
            }
            #expect(statuses.withLock { $0 } == [302, 302, 302])
            #expect(Date().timeIntervalSince(start) < 6, "the redirects waited for the lock")
            #expect(server.stop(signal: SIGTERM, within: 30) == 0)
            holder.waitUntilExit()
            #expect(try Self.clicks(ws) == 3)
            #expect(server.log.contains("stopped: 3 clicks written"), "\(server.log)")
        }
    }
}
#endif
