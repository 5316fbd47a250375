#if Server
import Foundation
import Testing

/// The inbox of webhook deliveries: while another process holds the database, a delivery is answered within the
/// wait (2 s, under Tilda's 5 s) and kept in a file, written once the database is free; a server killed with
/// deliveries in its inbox writes them at its next start; one that cannot be written is moved to `failed/` with a log
/// line; the same delivery twice is one lead. On both stores, against a real `leadtrail serve`.
@Suite(.serialized) struct InboxTests {
    /// The inbox `serve` keeps by default in the workspace (the folder it runs in): `leadtrail.sqlite.inbox`, or
    /// `DATABASE.inbox` for PostgreSQL.
    static func inbox(_ ws: Workspace) -> URL {
        ws.path((ws.postgres?.name ?? "leadtrail.sqlite") + ".inbox")
    }

    static func waiting(_ ws: Workspace) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: inbox(ws).path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
    }

    static func failed(_ ws: Workspace) -> [String] {
        let folder = inbox(ws).appendingPathComponent("failed").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    static func leads(_ ws: Workspace) throws -> Int { try ServerDatabase.count(ws, "SELECT COUNT(*) FROM lead") }

    /// Polls `condition` for at most `seconds`; whether it came true.
    static func eventually(within seconds: Double = 20, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }

    /// The PostgreSQL store's exclusive judging lock (`PostgresStore.judgingLock`): `import forms` holds it for its
    /// whole transaction, and a webhook's delivery waits for it as it waits for such an import.
    static let judgingLock: Int64 = 0x4C54_6A75_6467_6573

    /// A process holding what a long import holds for `seconds`: SQLite's write lock (`BEGIN IMMEDIATE`, as
    /// ``LockedDatabaseTests`` holds it for clicks) or PostgreSQL's judging lock in an open transaction; returns once
    /// it holds it.
    static func holdDatabase(_ ws: Workspace, seconds: Double) throws -> Process {
        guard let postgres = ws.postgres else { return try LockedDatabaseTests.holdWriteLock(ws, seconds: seconds) }
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        holder.arguments = [
            "--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--dbname", postgres.url,
            "--command", "BEGIN", "--command", "SELECT pg_advisory_xact_lock(\(judgingLock))",
            "--command", "SELECT pg_sleep(\(seconds))", "--command", "COMMIT",
        ]
        var environment = ProcessInfo.processInfo.environment
        if let password = postgres.password { environment["PGPASSWORD"] = password }
        environment["PGAPPNAME"] = holderName
        holder.environment = environment
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        holder.standardInput = FileHandle.nullDevice
        try holder.run()
        // Held when another session cannot take it (a lock taken here is let go at the end of the statement).
        let held = try eventually(within: 30) {
            try postgres.execute("SELECT pg_try_advisory_xact_lock(\(judgingLock))") == "f"
        }
        #expect(held, "the holder never took the judging lock")
        return holder
    }

    static let holderName = "leadtrail-test-holder"

    /// Ends the holder now, and with it its lock (PostgreSQL's session is ended too: a session in `pg_sleep` does not
    /// notice that its client went away).
    static func release(_ holder: Process, _ ws: Workspace) throws {
        // SIGKILL: a child of the test runner may not heed SIGTERM (it held its lock to the end).
        if holder.isRunning { kill(holder.processIdentifier, SIGKILL) }
        holder.waitUntilExit()
        try ws.postgres?.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '\(holderName)' AND datname = current_database()")
    }

    static let form = ["Content-Type": "application/x-www-form-urlencoded"]

    static func tilda(_ tranid: String, email: String) -> String {
        "Name=Elena&Email=\(email.replacingOccurrences(of: "@", with: "%40"))&tranid=\(tranid)&formid=form812345678"
            + "&COOKIES=_ym_uid%3D1728951955459430526%3B+TILDAUTM%3Dutm_source%253Dtelegram%257C%257C%257C"
    }

    @Test(arguments: StoreKind.allCases)
    func aDeliveryWhileTheDatabaseIsHeldIsAnsweredWithinTheWaitAndStoredOnceItIsFree(store: StoreKind) throws {
        try Workspace.with(store: store, databasePrefix: ServerFlowTests.databasePrefix) { ws in
            try ws.succeed(["init"])
            let tilda = try WebhookTests.secretPath(ws, ["tilda", "--format", "tilda"])
            let site = try WebhookTests.secretPath(ws, ["site", "--format", "json"])
            let meta = try WebhookTests.secretPath(
                ws, ["meta", "--format", "meta", "--meta-verify-token", "v", "--meta-app-secret", "app-secret"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            // Nothing held: answered after the commit, nothing kept.
            let warm = try server.request("POST", site, text: #"{"id": "w-1", "email": "warm@example.com"}"#)
            #expect(warm.status == 200 && warm.body == "ok\n", "\(warm)")
            #expect(Self.waiting(ws).isEmpty)

            let holder = try Self.holdDatabase(ws, seconds: 12)
            defer { try? Self.release(holder, ws) }
            let started = Date()
            let first = try server.request("POST", tilda, headers: Self.form, text: Self.tilda("7:1", email: "a@example.com"))
            let waited = Date().timeIntervalSince(started)
            #expect(first.status == 200 && first.body.hasPrefix("queued"), "\(first)")
            // The wait is 2 s; Tilda gives up after 5.
            #expect(waited < 4.5, "the delivery waited \(waited) s for the database")
            // Tilda retries the same delivery: kept again, still one lead in the end.
            let retry = try server.request("POST", tilda, headers: Self.form, text: Self.tilda("7:1", email: "a@example.com"))
            #expect(retry.status == 200, "\(retry)")
            let json = try server.request("POST", site, text: #"{"id": "s-2", "email": "b@example.com"}"#)
            #expect(json.status == 200 && json.body.hasPrefix("queued"), "\(json)")
            try MetaFetchTests.deliver(["1001"], to: meta, on: server)
            // An invalid one is refused at once, as ever, and kept nowhere.
            let invalid = try server.request("POST", site, text: #"{"id": "s-3", "name": "Nobody"}"#)
            #expect(invalid.status == 422, "\(invalid)")
            #expect(Date().timeIntervalSince(started) < 25)

            let kept = Self.waiting(ws)
            #expect(kept.count == 4, "\(kept)")
            #expect(try server.request("GET", "/healthz").body == "ok: 4 deliveries waiting in the inbox\n")
            // Only what the write needs: no secret of a path, no app secret, no signature, no raw cookies.
            let secrets = [tilda, site, meta].map { String($0.split(separator: "/").last ?? "") }
            for name in kept {
                let text = try String(contentsOf: Self.inbox(ws).appendingPathComponent(name), encoding: .utf8)
                for secret in secrets { #expect(!text.contains(secret), "\(name) holds a webhook secret") }
                #expect(!text.contains("app-secret") && !text.contains("sha256=") && !text.contains("TILDAUTM"), "\(text)")
            }
            #expect(try Self.leads(ws) == 1)

            holder.waitUntilExit()
            #expect(try Self.eventually { try Self.leads(ws) == 3 && Self.waiting(ws).isEmpty }, "\(server.log)")
            #expect(try Self.leads(ws) == 3)
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM meta_leadgen") == 1)
            #expect(try ServerDatabase.strings(ws, "SELECT email FROM lead ORDER BY id") == [
                "warm@example.com", "a@example.com", "b@example.com",
            ])
            #expect(try ServerDatabase.strings(ws, "SELECT utm_source FROM touch WHERE utm_source IS NOT NULL") == ["telegram"])
            #expect(try server.request("GET", "/healthz").body == "ok: 0 deliveries waiting in the inbox\n")
            #expect(server.stop(signal: SIGTERM, within: 30) == 0)
            #expect(server.log.contains("kept in the inbox"), "\(server.log)")
            #expect(server.log.contains("the inbox is empty"), "\(server.log)")
            #expect(server.log.contains("transactions; 0 deliveries waiting in the inbox"), "\(server.log)")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aServerKilledWithADeliveryInItsInboxStoresItAtTheNextStart(store: StoreKind) throws {
        try Workspace.with(store: store, databasePrefix: ServerFlowTests.databasePrefix) { ws in
            try ws.succeed(["init"])
            let tilda = try WebhookTests.secretPath(ws, ["tilda", "--format", "tilda"])
            let body = Self.tilda("8:1", email: "killed@example.com")
            let server = try ServerProcess(ws)
            let holder = try Self.holdDatabase(ws, seconds: 30)
            defer { try? Self.release(holder, ws) }
            let answer = try server.request("POST", tilda, headers: Self.form, text: body)
            #expect(answer.status == 200 && answer.body.hasPrefix("queued"), "\(answer)")
            server.stop(signal: SIGKILL)
            try Self.release(holder, ws)
            #expect(Self.waiting(ws).count == 1)
            #expect(try Self.leads(ws) == 0)

            let next = try ServerProcess(ws)
            defer { next.stop() }
            #expect(try Self.eventually { try Self.leads(ws) == 1 && Self.waiting(ws).isEmpty }, "\(next.log)")
            #expect(next.log.contains("1 delivery waiting in the inbox"), "\(next.log)")
            #expect(next.log.contains("from an earlier run"), "\(next.log)")
            // Tilda sends it again (it never heard of the first answer, say): the same submission, one lead.
            let again = try next.request("POST", tilda, headers: Self.form, text: body)
            #expect(again.status == 200 && again.body == "already received\n", "\(again)")
            #expect(try Self.leads(ws) == 1)
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM import_batch") == 1)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aKeptDeliveryThatCannotBeWrittenIsMovedToFailedWithALogLine(store: StoreKind) throws {
        try Workspace.with(store: store, databasePrefix: ServerFlowTests.databasePrefix) { ws in
            try ws.succeed(["init"])
            let folder = Self.inbox(ws)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            func file(_ name: String, _ text: String) throws {
                try Data(text.utf8).write(to: folder.appendingPathComponent(name))
            }
            let envelope = #"{"leadtrail_inbox":1,"source":"site","received_at":"2026-11-02T10:00:00Z","kind":"form","preset":"generic","record":"#
            try file("00001762077600000-1-00000001.json", envelope + #"{"name":"Nobody","submitted_at":"2026-11-02T10:00:00Z"}}"#)
            try file("00001762077600000-1-00000002.json", #"{"leadtrail_inbox":1,"source":"#)
            try file(
                "00001762077600000-1-00000003.json",
                envelope + #"{"id":"ok-1","email":"kept@example.com","submitted_at":"2026-11-02T10:00:00Z"}}"#)
            let server = try ServerProcess(ws)
            defer { server.stop() }
            #expect(try Self.eventually { try Self.leads(ws) == 1 && Self.waiting(ws).isEmpty }, "\(server.log)")
            #expect(Self.failed(ws) == ["00001762077600000-1-00000001.json", "00001762077600000-1-00000002.json"])
            let lines = server.log.split(separator: "\n")
            let first = lines.filter { $0.contains("00001762077600000-1-00000001.json") }
            #expect(first.count == 1 && first[0].contains("moved to") && first[0].contains("email"), "\(server.log)")
            let second = lines.filter { $0.contains("00001762077600000-1-00000002.json") }
            #expect(second.count == 1 && second[0].contains("not an inbox file"), "\(server.log)")
            #expect(try ServerDatabase.strings(ws, "SELECT email FROM lead") == ["kept@example.com"])
            // Never tried again: the failed files stay where they are.
            Thread.sleep(forTimeInterval: 1.5)
            #expect(server.log.split(separator: "\n").filter { $0.contains("00000001.json") }.count == 1)
        }
    }

    @Test func aGracefulStopWhileTheDatabaseStaysHeldLeavesTheInboxForTheNextStart() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let site = try WebhookTests.secretPath(ws, ["site", "--format", "json"])
            let server = try ServerProcess(ws)
            let holder = try Self.holdDatabase(ws, seconds: 40)
            defer { try? Self.release(holder, ws) }
            let answer = try server.request("POST", site, text: #"{"id": "g-1", "email": "graceful@example.com"}"#)
            #expect(answer.status == 200 && answer.body.hasPrefix("queued"), "\(answer)")
            let stopping = Date()
            // The shutdown tries for 10 s, then leaves the file.
            #expect(server.stop(signal: SIGTERM, within: 30) == 0)
            #expect(Date().timeIntervalSince(stopping) < 25)
            #expect(server.log.contains("1 delivery waiting in the inbox"), "\(server.log)")
            #expect(server.log.contains("written at the next start"), "\(server.log)")
            #expect(Self.waiting(ws).count == 1)
            try Self.release(holder, ws)
            let next = try ServerProcess(ws)
            defer { next.stop() }
            #expect(try Self.eventually { try Self.leads(ws) == 1 && Self.waiting(ws).isEmpty }, "\(next.log)")
        }
    }

    @Test func anInboxThatCannotBeMadeStopsServeInOneLine() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try Data("not a folder\n".utf8).write(to: ws.path("blocker"))
            let result = try ws.run(["serve", "--listen", "127.0.0.1:0", "--inbox", "blocker/inbox"])
            #expect(result.status == 1, "\(result)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("inbox blocker/inbox (--inbox)"), "\(result)")
            // Beside a SQLite database by default.
            try Data("in the way\n".utf8).write(to: ws.path("leadtrail.sqlite.inbox"))
            let refused = try ws.run(["serve", "--listen", "127.0.0.1:0"])
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.stderr.contains("inbox leadtrail.sqlite.inbox: cannot make it"), "\(refused)")
        }
    }
}
#endif
