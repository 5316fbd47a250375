import Foundation
import GRDB
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SPEC "What an import promises": a crash or `kill -9` mid-import leaves the database as it was before.
struct ImportKillTests {
    /// Writes `count` distinct clicks as NDJSON, in chunks, without building the whole file in memory.
    private func writeBigClicks(_ file: URL, count: Int) throws {
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var chunk = ""
        chunk.reserveCapacity(1 << 21)
        for index in 0..<count {
            let minute = (index / 60) % 60
            let second = index % 60
            let hour = 10 + (index / 3600) % 12
            let day = 1 + (index / 43_200) % 28
            chunk += #"{"id":"big-\#(index)","at":"2026-10-\#(day < 10 ? "0" : "")\#(day)T\#(hour):\#(minute < 10 ? "0" : "")\#(minute):\#(second < 10 ? "0" : "")\#(second)Z","visitor":"v-\#(index % 97_331)","url":"https://laska-studio.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=camp_\#(index % 40)&utm_content=ad_\#(index % 7)"}"#
            chunk += "\n"
            if chunk.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
    }

    private func fileSize(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    private enum Outcome { case killed, finishedTooSoon, neverStarted }

    /// Starts the import, waits until the write-ahead log holds a few MB of the uncommitted transaction and is still
    /// growing, then SIGKILLs the child.
    private func startAndKill(_ ws: Workspace, file: URL) throws -> Outcome {
        let wal = URL(fileURLWithPath: ws.defaultDatabase.path + "-wal")
        let walBefore = fileSize(wal)
        let process = Process()
        process.executableURL = try BuiltBinary.url()
        process.arguments = ["import", "clicks", file.lastPathComponent]
        process.currentDirectoryURL = ws.folder
        var environment = ProcessInfo.processInfo.environment
        environment["LEADTRAIL_DB"] = nil
        environment["LEADTRAIL_LOG"] = nil
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        let deadline = Date().addingTimeInterval(120)
        var lastSize = walBefore
        var growing = 0
        while process.isRunning && Date() < deadline {
            usleep(50_000)
            let size = fileSize(wal)
            if size > lastSize { growing += 1 }
            lastSize = max(lastSize, size)
            // Mid-way: the log has grown past 2 MB over the start and is still growing.
            if size > walBefore + 2_000_000 && growing >= 3 { break }
        }
        guard process.isRunning else {
            process.waitUntilExit()
            return .finishedTooSoon
        }
        let sent = kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(sent == 0)
        #expect(process.terminationReason == .uncaughtSignal, "the import was not killed")
        #expect(process.terminationStatus == SIGKILL)
        return growing > 0 ? .killed : .neverStarted
    }

    @Test(.hangGuard)
    func sigkillMidImportLeavesTheDatabaseAsItWas() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["import", "clicks", ws.write("earlier.ndjson", lines: threeGoodClicks)])
            var before = try DatabaseDump.of(ws.defaultDatabase)
            let touchesBefore = try ws.count("touch")
            let batchesBefore = try ws.count("import_batch")
            #expect(touchesBefore == 3)

            let big = ws.path("big.ndjson")
            var lines = 400_000
            try writeBigClicks(big, count: lines)
            var outcome = try startAndKill(ws, file: big)
            if outcome != .killed {
                // Finished (or never visibly wrote) before we could kill it: put the database back and try bigger.
                try FileManager.default.removeItem(at: ws.folder.appendingPathComponent("leadtrail.sqlite"))
                for suffix in ["-wal", "-shm"] {
                    try? FileManager.default.removeItem(atPath: ws.defaultDatabase.path + suffix)
                }
                try ws.succeed(["init"])
                try ws.succeed(["import", "clicks", "earlier.ndjson"])
                before = try DatabaseDump.of(ws.defaultDatabase)
                lines *= 3
                try writeBigClicks(big, count: lines)
                outcome = try startAndKill(ws, file: big)
            }
            #expect(outcome == .killed)

            // Recovery happens on the next open of the database (read-write, as the next command would).
            let queue = try DatabaseQueue(path: ws.defaultDatabase.path)
            let integrity = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            try queue.close()
            #expect(integrity == ["ok"])

            #expect(try ws.count("touch") == touchesBefore)
            #expect(try ws.count("import_batch") == batchesBefore)
            if outcome == .killed {
                expectSameDump(before, try DatabaseDump.of(ws.defaultDatabase), "the killed import left data behind")
            }

            // The database is still usable: the same import, run to the end, works.
            let small = try ws.write("after.ndjson", lines: [#"{"at": "2026-10-05T10:00:00Z", "visitor": "v-after"}"#])
            #expect(ImportCounts(try ws.importSummary(["import", "clicks", small])) == ImportCounts(read: 1, imported: 1))
            #expect(try ws.count("touch") == touchesBefore + 1)
        }
    }
}
