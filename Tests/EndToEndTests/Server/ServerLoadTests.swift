#if Server
import Foundation
import Synchronization
import Testing

/// Issue 13, acceptance 3, against a real `leadtrail serve` under load from several clients at once: `kill -9`
/// loses no request that was answered 2xx/3xx and leaves an intact database that the next server opens; SIGTERM
/// finishes the requests in flight (each answered and stored) and exits 0. Clicks are group-committed, so these
/// also prove that a batch is answered only after its commit. Both run on SQLite and on PostgreSQL.
@Suite(.serialized) struct ServerLoadTests {
    static func prepare(_ ws: Workspace) throws -> String {
        try ws.succeed(["init"])
        try ws.succeed([
            "link", "add", "load", "--to", "https://shop.example/", "--campaign", "Нагрузка", "--source", "yandex",
            "--medium", "cpc",
        ])
        return try ws.succeed(["hook", "add", "site", "--format", "json"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func storedClicks(_ ws: Workspace) throws -> Set<String> {
        Set(try ServerDatabase.strings(ws, "SELECT click_id FROM touch WHERE click_id LIKE 'c%'"))
    }

    static func storedLeads(_ ws: Workspace) throws -> Set<String> {
        Set(try ServerDatabase.strings(ws, "SELECT email FROM lead WHERE email LIKE 'w%'"))
    }

    @Test(arguments: StoreKind.allCases)
    func killNineUnderLoadLosesNoAnsweredRequestAndTheServerStartsAgain(store: StoreKind) throws {
        try Workspace.with(store: store, databasePrefix: ServerFlowTests.databasePrefix) { ws in
            let hook = try Self.prepare(ws)
            let server = try ServerProcess(ws, arguments: ["--hook-rate", "100000"])
            let load = LoadRun(port: server.port, hook: hook) { !server.process.isRunning }
            load.start(clickers: 6, posters: 2)
            load.waitForAnswers(400, seconds: 60)
            server.stop(signal: SIGKILL)
            load.finish()

            #expect(load.clicks.count >= 100, "too little load to judge: \(load.clicks.count) clicks answered")
            #expect(load.refused.isEmpty, "answers other than 2xx/3xx: \(load.refused.prefix(5))")
            let clicks = try Self.storedClicks(ws)
            let lostClicks = load.clicks.filter { !clicks.contains($0) }
            let lostText = "\(lostClicks.count) of \(load.clicks.count) clicks answered 302 are not stored"
            #expect(lostClicks.isEmpty, "\(lostText)")
            try Self.expectIntact(ws)

            // The next server opens the same file and goes on counting; a webhook answered 200 but kept in the inbox
            // (its commit took over the 2 s the server waits) is written at its start.
            let again = try ServerProcess(ws)
            let click = try again.request("GET", "/r/load?yclid=after", headers: ["User-Agent": "Mozilla/5.0"])
            #expect(click.status == 302, "\(click)")
            #expect(again.stop() == 0)
            let leads = try Self.storedLeads(ws)
            let lostLeads = load.leads.filter { !leads.contains($0) }
            #expect(
                lostLeads.isEmpty, "\(lostLeads.count) of \(load.leads.count) webhooks answered 200 are not stored")
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM touch WHERE click_id = 'after'") == 1)
            // The CLI reads and writes it too: the campaign the clicks created, a lead added by hand.
            #expect(try ws.succeed(["campaign", "list"]).stdout.contains("Нагрузка"))
            try ws.succeed(["lead", "add", "--name", "Анна Петрова", "--phone", "8 (916) 123-45-67"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func sigtermUnderLoadAnswersAndStoresEveryRequestInFlightAndExitsZero(store: StoreKind) throws {
        try Workspace.with(store: store, databasePrefix: ServerFlowTests.databasePrefix) { ws in
            let hook = try Self.prepare(ws)
            let server = try ServerProcess(ws, arguments: ["--hook-rate", "100000"])
            let load = LoadRun(port: server.port, hook: hook) { !server.process.isRunning }
            load.start(clickers: 6, posters: 2)
            load.waitForAnswers(400, seconds: 60)
            let status = server.stop(signal: SIGTERM)
            load.finish()

            #expect(status == 0, "\(server.log.suffix(2000))")
            #expect(server.log.contains("stopped"))
            #expect(load.refused.isEmpty, "answers other than 2xx/3xx: \(load.refused.prefix(5))")
            // Exactly what was answered is stored: nothing answered is missing, nothing stored went unanswered.
            let clicks = try Self.storedClicks(ws)
            #expect(clicks == Set(load.clicks), "stored \(clicks.count), answered \(load.clicks.count)")
            #expect(try Self.storedLeads(ws) == Set(load.leads))
            try Self.expectIntact(ws)
            // Clicks that arrive together share a transaction: fewer commits than clicks.
            let written = try #require(Self.writerCounts(in: server.log), "\(server.log.suffix(500))")
            #expect(written.clicks == clicks.count)
            #expect(written.transactions < written.clicks, "\(written)")
        }
    }

    /// The database's own checks pass. SQLite: `PRAGMA integrity_check` and `foreign_key_check`. PostgreSQL:
    /// `pg_amcheck` needs the `amcheck` extension, which only a superuser may install, so instead every single-column
    /// foreign key is checked row by row (a dangling row fails the query), and the touch table read through its
    /// `record_key` index counts what a sequential scan of the table counts.
    static func expectIntact(_ ws: Workspace, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let postgres = ws.postgres else {
            #expect(
                try ServerDatabase.strings(ws, "PRAGMA integrity_check") == ["ok"], sourceLocation: sourceLocation)
            #expect(
                try ServerDatabase.strings(ws, "PRAGMA foreign_key_check").isEmpty, sourceLocation: sourceLocation)
            return
        }
        // The check Benchmarks/server_load.py runs too: every single-column foreign key row by row, then the
        // number left unvalidated.
        let keys = try postgres.execute(
            String(
                contentsOf: ImportSamples.repositoryRoot.appendingPathComponent("Benchmarks/postgres_foreign_keys.sql"),
                encoding: .utf8))
        #expect(keys == "0", "foreign keys: \(keys)", sourceLocation: sourceLocation)
        let scanned = try postgres.execute(
            "SET enable_indexscan = off; SET enable_indexonlyscan = off; SET enable_bitmapscan = off; "
                + "SELECT count(*) FROM touch WHERE record_key > ''")
        let indexed = try postgres.execute("SET enable_seqscan = off; SELECT count(*) FROM touch WHERE record_key > ''")
        #expect(scanned == indexed, "heap \(scanned) against index \(indexed)", sourceLocation: sourceLocation)
        #expect(Int(indexed) ?? 0 > 0, "no touch was stored")
    }

    /// The writer's figures from the `stopped` line: `stopped: N clicks written in M transactions; …`.
    static func writerCounts(in log: String) -> (clicks: Int, transactions: Int)? {
        guard let line = log.split(separator: "\n").last(where: { $0.contains("stopped") }),
            let figures = line.split(separator: ";").first
        else { return nil }
        let numbers = figures.split(separator: " ").compactMap { Int($0.filter(\.isNumber)) }
        guard numbers.count >= 2, let clicks = numbers.dropLast().last, let transactions = numbers.last else {
            return nil
        }
        return (clicks, transactions)
    }
}

/// Clients on their own keep-alive connections: `clickers` send clicks (each with its own `yclid`), `posters` send
/// JSON webhook deliveries (each a new person), until the server goes away; what each got answered is kept.
final class LoadRun: @unchecked Sendable {
    let port: Int
    let hook: String
    let serverGone: @Sendable () -> Bool
    private let lock = NSLock()
    private var answeredClicks: [String] = []
    private var answeredLeads: [String] = []
    private var refusals: [String] = []
    private let stopped = Atomic<Bool>(false)
    private let group = DispatchGroup()

    init(port: Int, hook: String, serverGone: @escaping @Sendable () -> Bool) {
        self.port = port
        self.hook = hook
        self.serverGone = serverGone
    }

    var clicks: [String] { lock.withLock { answeredClicks } }
    var leads: [String] { lock.withLock { answeredLeads } }
    var refused: [String] { lock.withLock { refusals } }

    func start(clickers: Int, posters: Int) {
        for worker in 0..<(clickers + posters) {
            group.enter()
            Thread.detachNewThread { [self] in
                defer { group.leave() }
                run(worker: worker, posts: worker >= clickers)
            }
        }
    }

    /// Waits until `count` requests were answered (or `seconds` passed).
    func waitForAnswers(_ count: Int, seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, lock.withLock({ answeredClicks.count + answeredLeads.count }) < count {
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    /// Stops the clients and waits for them (at most 30 s).
    func finish() {
        stopped.store(true, ordering: .relaxed)
        _ = group.wait(timeout: .now() + 30)
    }

    private func run(worker: Int, posts: Bool) {
        let client = LoopbackClient(port: port)
        var number = 0
        var failures = 0
        while !stopped.load(ordering: .relaxed) {
            number += 1
            let id = "\(worker)-\(number)"
            do {
                let status: Int
                if posts {
                    let body =
                        #"{"id": "w\#(id)", "submitted_at": "2026-11-02T10:00:00Z", "email": "w\#(id)@example.com"}"#
                    status = try client.send(
                        "POST", hook, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
                } else {
                    status = try client.send("GET", "/r/load?yclid=c\(id)", headers: ["User-Agent": "Mozilla/5.0"])
                }
                failures = 0
                lock.withLock {
                    switch status {
                    case 200..<400 where posts: answeredLeads.append("w\(id)@example.com")
                    case 200..<400: answeredClicks.append("c\(id)")
                    default: refusals.append("\(status) for \(id)")
                    }
                }
            } catch {
                // No answer: the server went away (or closed this connection while stopping).
                failures += 1
                if serverGone() || failures > 50 { return }
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }
}
#endif
