#if Server
import Foundation
import Testing

/// When the database fails under a running server, the log says why in one line (without a password), the answer
/// has a body, a connection PostgreSQL ended is opened again, and `/healthz` asks the database instead of always
/// answering `ok`.
@Suite(.serialized) struct ServerFailureTests {
    @Test(arguments: StoreKind.postgresOnly)
    func aLostDatabaseIsExplainedAndHealthzSaysSo(store: StoreKind) throws {
        try Workspace.with(store: store, databasePrefix: ServerFlowTests.databasePrefix) { ws in
            let postgres = try #require(ws.postgres)
            try ws.succeed(["init"])
            let hook = try WebhookTests.secretPath(ws, ["site", "--format", "json"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            func record(_ id: Int) -> String {
                #"{"id": "f-\#(id)", "submitted_at": "2026-11-02T10:00:00+03:00", "email": "buyer\#(id)@example.com"}"#
            }
            #expect(try server.request("POST", hook, text: record(1)).status == 200)
            #expect(try server.request("GET", "/healthz").body == "ok: 0 deliveries waiting in the inbox\n")

            // An administrator ends every session of the database: the server opens new ones.
            let terminate =
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            try postgres.execute(terminate)
            let health = try server.request("GET", "/healthz")
            #expect(health.status == 200 && health.body == "ok: 0 deliveries waiting in the inbox\n", "\(health)")
            try postgres.execute(terminate)
            var statuses: [Int] = []
            for id in 2...5 {
                let answer = try server.request("POST", hook, text: record(id))
                statuses.append(answer.status)
                if answer.status == 200 { break }
                #expect(answer.status == 500 && answer.body.contains("server error"), "\(answer)")
            }
            #expect(statuses.last == 200, "never reconnected: \(statuses)")
            if statuses.count > 1 {
                #expect(server.log.contains("connection to the server was lost"), "\(server.log)")
            }

            // The database is dropped: every request is a 500 that the log explains, and /healthz is 503.
            postgres.drop()
            let refused = try server.request("GET", "/healthz")
            #expect(refused.status == 503, "\(refused)")
            #expect(refused.body.hasPrefix("unavailable: ") && refused.body.split(separator: "\n").count == 1)
            #expect(refused.body.contains(postgres.name), "\(refused)")
            let lost = try server.request("POST", hook, text: record(9))
            #expect(lost.status == 500 && !lost.body.isEmpty, "\(lost)")
            let lines = server.log.split(separator: "\n").filter { $0.contains(" error ") && $0.contains("POST /hooks/site/… 500") }
            #expect(lines.contains { $0.contains(postgres.name) }, "\(server.log)")
            if let secret = postgres.secret { #expect(!server.log.contains(secret)) }
        }
    }

    /// A client that stalls its body until the read timeout is the client's failure: 408 in the log, not 500.
    @Test func aStalledBodyIs408NotAServerError() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let path = try WebhookTests.secretPath(ws, ["tilda", "--format", "tilda"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            let stalled = LoopbackClient(port: server.port)
            try stalled.sendRaw(SlowClientTests.partial(path))
            _ = try? stalled.answer()
            let deadline = Date().addingTimeInterval(5)
            while !server.log.contains("POST /hooks/tilda/… 4") && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            #expect(server.log.contains("POST /hooks/tilda/… 408"), "\(server.log)")
            #expect(!server.log.contains(" 500 "), "\(server.log)")
        }
    }

    /// A 429 says when to retry, a 413 says why, and a listen address that cannot be used is named in words (it
    /// printed NIO's `bind(descriptor:ptr:bytes:)`; `LEADTRAIL_LISTEN=bad` was blamed on `--listen`).
    @Test func refusalsSayWhyAndWhenToRetry() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let path = try WebhookTests.secretPath(ws, ["tilda", "--format", "tilda"])
            let server = try ServerProcess(ws, arguments: ["--hook-rate", "2", "--max-body-bytes", "100"])
            defer { server.stop() }
            let answers = try (0..<6).map { _ in try server.request("POST", path, text: "test=test") }
            let limited = try #require(answers.first { $0.status == 429 }, "\(answers.map(\.status))")
            #expect(limited.headers["retry-after"] == "1", "\(limited)")
            let big = try server.request("POST", "/t", text: String(repeating: "a", count: 200))
            #expect(big.status == 413 && big.body.contains("100 bytes"), "\(big)")

            let unusable = try ws.run(["serve", "--listen", "10.255.255.1:0"])
            expectRefused(unusable, mentioning: "cannot serve on 10.255.255.1:0")
            #expect(!unusable.stderr.contains("bind(") && !unusable.stderr.contains("errno"), "\(unusable)")
            let bad = try ws.run(["serve"], environment: ["LEADTRAIL_LISTEN": "bad"])
            expectRefused(bad, mentioning: "LEADTRAIL_LISTEN", "'bad'")
            #expect(!bad.stderr.contains("--listen"), "\(bad)")
        }
    }
}
#endif
