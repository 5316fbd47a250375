import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SPEC "Security and privacy": a command that only reads never waits for a writer and never fails because one is
/// running (it reads the last committed state); writers wait for each other. Real `leadtrail` processes on one file.
@Suite(.serialized)
struct ConcurrencyTests {
    /// The state every test starts from: one lead and three clicks, committed.
    private func seed(_ ws: Workspace) throws {
        try ws.succeed(["init"])
        try ws.succeed([
            "lead", "add", "--name", "Анна", "--phone", "8 (916) 123-45-67", "--at", "2026-10-01T12:00:00Z",
        ])
        try ws.succeed(["import", "clicks", ws.write("before.ndjson", lines: clickLines(3, prefix: "before"))])
    }

    private let reads: [[String]] = [
        ["lead", "list", "--format", "json"], ["imports", "list", "--format", "json"],
        ["report", "roas", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "json"],
        ["report", "funnel", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "csv"],
    ]

    @Test(.hangGuard)
    func readsDuringAnImportSucceedAtOnceAndSeeTheStateBeforeIt() throws {
        try Workspace.with { ws in
            try seed(ws)
            let before = try reads.map { try ws.succeed($0).stdout }

            let held = try HeldImport(ws, lines: clickLines(200, prefix: "held"))
            for (arguments, expected) in zip(reads, before) {
                // Reads take no lock. The import holds its lock until the test ends the file, so a read that waited
                // for it would give up after this one-second limit with "busy" and fail below; no wall-clock bound,
                // which a loaded machine breaks (CI saw a 3-second test of this suite take 29 s).
                let result = try ws.run(arguments, environment: ["LEADTRAIL_BUSY_TIMEOUT": "1"])
                #expect(result.status == 0, "a read failed during the import:\n\(result)")
                #expect(result.stderr.isEmpty, "\(result)")
                #expect(result.stdout == expected, "a read during the import saw other than the state before it")
            }
            // The import's transaction was open the whole time: the write lock is still held and it has not ended.
            #expect(held.isHoldingTheLock)
            #expect(held.command.isRunning)

            let imported = held.release()
            #expect(imported.status == 0, "\(imported)")
            let after = try ws.listing(["imports", "list"])
            #expect(after.count == 2)
            #expect(try ws.count("touch") >= 3 + 200)
        }
    }

    /// Scripts start jobs that each run `leadtrail init` first: two at once on a new file must both succeed, one
    /// creating and one finding it up to date, never "is not a LeadTrail database" for a file half laid out.
    @Test(.hangGuard)
    func twoInitsAtOnceOnANewFileBothSucceed() throws {
        try Workspace.with { ws in
            for round in 0..<12 {
                let database = "round-\(round).sqlite"
                let both = try (0..<2).map { _ in try RunningCommand(ws, ["init", "--db", database]) }
                let results = both.map { $0.wait() }
                for result in results { #expect(result.status == 0, "round \(round): \(result)") }
                #expect(results.filter { $0.stdout.hasPrefix("Created") }.count == 1, "round \(round): \(results)")
                try ws.succeed(["lead", "add", "--name", "Анна", "--phone", "8 (916) 123-45-67", "--db", database])
            }
        }
    }

    @Test(.hangGuard)
    func eightLeadAddsAndAnImportAtOnceLoseNothingAndMatchRunningThemOneByOne() throws {
        // Three people, eight requests: each person's first request makes the lead, the rest are its duplicates.
        let phones = ["8 (916) 111-11-11", "+7 916 222 22 22", "89163333333"]
        let requests: [[String]] = (0..<8).map { index in
            let phone = phones[index % phones.count]
            return [
                "lead", "add", "--name", "Клиент \(index % phones.count)", "--phone", phone, "--at",
                "2026-10-02T1\(index % phones.count):00:00Z", "--url",
                "https://laska-studio.ru/?utm_source=vk&utm_campaign=autumn&utm_content=request-\(index)",
            ]
        }
        let clicks = clickLines(50, prefix: "together")

        let concurrent = try Workspace.with { ws in
            try seed(ws)
            let held = try HeldImport(ws, lines: clicks)
            let adds = try requests.map { try RunningCommand(ws, $0) }
            // Longer than the old 10-second busy timeout: a writer must wait, not fail.
            sleep(11)
            #expect(adds.allSatisfy { $0.isRunning }, "a lead add ended while the import held the lock")
            #expect(held.isHoldingTheLock)
            let imported = held.release()
            #expect(imported.status == 0, "\(imported)")
            let results = adds.map { $0.wait() }
            for result in results {
                #expect(result.status == 0, "\(result)")
                #expect(result.stdout.hasPrefix("Lead "), "\(result)")
            }
            // Each person's requests are judged again whenever one arrives (SPEC "Order independence"): a request
            // that arrives after another of the same instant but comes first by key takes the lead over and says
            // "created" too, so the messages depend on arrival; the leads they leave do not (compared below).
            #expect(results.filter { $0.stdout.contains("created") }.count >= phones.count)
            return try Self.outcome(ws)
        }
        let oneByOne = try Workspace.with { ws in
            try seed(ws)
            try ws.succeed(["import", "clicks", ws.write("held.ndjson", lines: clicks)])
            for request in requests { try ws.succeed(request) }
            return try Self.outcome(ws)
        }
        #expect(concurrent == oneByOne)
        #expect(concurrent.leads.count == phones.count + 1)
        #expect(concurrent.duplicates == requests.count - phones.count)
    }

    /// What a run left: the leads (without their ids, which depend on the order), the duplicate requests, the touches.
    private struct Outcome: Equatable {
        var leads: [String]
        var duplicates: Int
        var touches: Int
    }

    private static func outcome(_ ws: Workspace) throws -> Outcome {
        let leads = try ws.listing(["lead", "list"]).map { lead in
            ["name", "phone", "created_at", "stage"].map { "\(lead[$0] ?? "")" }.joined(separator: " | ")
        }
        return Outcome(
            leads: leads.sorted(),
            duplicates: try ImportDump.integer(
                ws.defaultDatabase, "SELECT COUNT(*) FROM lead_event WHERE kind = 'duplicate'"),
            touches: try ws.count("touch"))
    }

    @Test(.hangGuard)
    func ctrlCWhileWaitingOrImportingLeavesTheDatabaseAsItWas() throws {
        try Workspace.with { ws in
            try seed(ws)
            let before = try ws.dump()
            let held = try HeldImport(ws, lines: clickLines(100, prefix: "interrupted"))
            let waiting = try RunningCommand(ws, ["lead", "add", "--phone", "8 916 555-55-55"])
            usleep(1_000_000)
            #expect(waiting.isRunning, "the second writer did not wait")
            let stopped = waiting.signal(SIGINT)
            #expect(stopped.status != 0, "\(stopped)")
            #expect(held.isHoldingTheLock)
            let interrupted = held.interrupt()
            #expect(interrupted.status != 0, "\(interrupted)")
            // The import says so in one line; the waiting `lead add`, which had written nothing, ends quietly.
            #expect(
                interrupted.stderrLines == [
                    "Interrupted: nothing of held.ndjson was imported; the database is as it was."
                ], "\(interrupted)")
            #expect(stopped.stderr.isEmpty, "\(stopped)")
            expectSameDump(before, try ws.dump(), "Ctrl-C left data behind")
            // The database is still usable.
            try ws.succeed(["lead", "add", "--phone", "8 916 555-55-55"])
        }
    }

    /// Ctrl-C during `imports undo` (here while it waits for an import's lock) says in one line that the batch was
    /// not undone, as an import says it imported nothing; it used to end silently.
    @Test(.hangGuard)
    func ctrlCDuringAnUndoSaysTheBatchWasNotUndone() throws {
        try Workspace.with { ws in
            try seed(ws)
            let before = try ws.dump()
            let held = try HeldImport(ws, lines: clickLines(100, prefix: "held"))
            let undo = try RunningCommand(ws, ["imports", "undo", "1"])
            usleep(1_000_000)
            #expect(undo.isRunning, "the undo did not wait")
            let stopped = undo.signal(SIGINT)
            #expect(stopped.status != 0, "\(stopped)")
            #expect(
                stopped.stderrLines == ["Interrupted: batch 1 was not undone; the database is as it was."],
                "\(stopped)")
            _ = held.interrupt()
            expectSameDump(before, try ws.dump(), "Ctrl-C during an undo changed the data")
        }
    }

    @Test(.hangGuard)
    func aWriterThatWaitsTooLongSaysTheDatabaseIsBusyInOneLine() throws {
        try Workspace.with { ws in
            try seed(ws)
            let before = try ws.dump()
            let held = try HeldImport(ws, lines: clickLines(10, prefix: "slow"))
            let result = try ws.run(
                ["lead", "add", "--phone", "8 916 555-55-55"], environment: ["LEADTRAIL_BUSY_TIMEOUT": "1"])
            expectRefused(result, mentioning: "leadtrail.sqlite is busy", "try again")
            #expect(!result.stderr.contains("SQLite"))
            #expect(!result.stderr.contains("locked"))
            _ = held.interrupt()
            expectSameDump(before, try ws.dump(), "the refused writer left data behind")
        }
    }

    /// On a terminal a waiting writer says why it seems stuck, once; in a pipe it says nothing.
    @Test(.hangGuard, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func aWaitingWriterSaysSoOnATerminal() throws {
        try Workspace.with { ws in
            try seed(ws)
            let held = try HeldImport(ws, lines: clickLines(10, prefix: "terminal"))
            let binary = try BuiltBinary.url().path
            // `script` gives the command a terminal; what the command writes there comes out on script's stdout.
            let onTerminal = try RunningCommand(
                ws, [], environment: [:], executable: URL(fileURLWithPath: "/usr/bin/script"),
                arguments: ["-qec", "'\(binary)' lead add --phone '8 916 555-55-55'", "/dev/null"])
            let inPipe = try RunningCommand(ws, ["lead", "add", "--phone", "8 916 666-66-66"])
            // The import holds the lock until released: wait for the terminal's line however loaded the machine is
            // (a fixed two seconds could end before a slow start reached the wait).
            let deadline = Date().addingTimeInterval(90)
            while !onTerminal.stdoutSoFar.contains("waiting for another import to finish"), onTerminal.isRunning,
                Date() < deadline
            {
                usleep(50_000)
            }
            sleep(1)  // the piped writer, started later, waits too by now on any but a crawling machine
            _ = held.release()
            let terminal = onTerminal.wait()
            let piped = inPipe.wait()
            #expect(terminal.status == 0, "\(terminal)")
            let waitingLines = terminal.stdout.split(whereSeparator: \.isNewline).filter {
                $0.contains("waiting for another import to finish")
            }
            #expect(waitingLines.count == 1, "\(terminal)")
            #expect(piped.status == 0, "\(piped)")
            #expect(piped.stderr.isEmpty, "\(piped)")
        }
    }
}
