#if Server
import Foundation
import Testing

/// A client that sends a request's head and part of its body, then nothing: it is disconnected after the read
/// timeout instead of holding a handler (and SIGTERM) for as long as it stays connected; a body declared over the
/// limit is refused at once.
@Suite(.serialized) struct SlowClientTests {
    /// A delivery to `path` that declares 1000 bytes and sends 10.
    static func partial(_ path: String) -> String {
        "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: 1000\r\n\r\nName=Vasya"
    }

    @Test func aBodyCutShortIsDroppedAfterTheReadTimeoutAndSIGTERMDoesNotWaitForIt() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let path = try WebhookTests.secretPath(ws, ["tilda", "--format", "tilda"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            // The client's own wait is 10 s: an answer or a close sooner is the server's doing.
            let stalled = LoopbackClient(port: server.port)
            try stalled.sendRaw(Self.partial(path))
            let start = Date()
            let status = try? stalled.answer()
            let waited = Date().timeIntervalSince(start)
            #expect(waited < 8, "the connection was held \(waited) s")
            #expect(status == nil || status == 408, "\(String(describing: status))")

            let held = LoopbackClient(port: server.port)
            try held.sendRaw(Self.partial(path))
            Thread.sleep(forTimeInterval: 0.5)
            let stopping = Date()
            let exit = server.stop(signal: SIGTERM, within: 15)
            let took = Date().timeIntervalSince(stopping)
            #expect(exit == 0, "SIGTERM waited for the stalled client (\(took) s)")
            #expect(took < 8, "\(took) s")
            #expect(server.log.contains("stopped"))
        }
    }

    @Test func aDeclaredBodyOverTheLimitIs413AtOnce() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let path = try WebhookTests.secretPath(ws, ["tilda", "--format", "tilda"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            // A length past what a 64-bit number holds is the HTTP parser's 400; either way, refused at once.
            let refusals = ["99999999999": [413], "65537": [413], "99999999999999999999999": [400, 413]]
            for (length, expected) in refusals.sorted(by: { $0.key < $1.key }) {
                let client = LoopbackClient(port: server.port)
                try client.sendRaw(
                    "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(length)\r\n\r\nName=A")
                let start = Date()
                let status = try? client.answer()
                #expect(expected.contains(status ?? 0), "Content-Length: \(length): \(String(describing: status))")
                #expect(Date().timeIntervalSince(start) < 3)
            }
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM lead") == 0)
        }
    }
}
#endif
