#if Server
import Foundation
import Testing

/// The request log never shows a webhook secret or an API token, whatever shape the path takes: the router
/// reaches the webhook through `//hooks/…`, and clients send `/Hooks/…`, `/hooks;…`, `/hooks%2f…` or `/api/TOKEN`.
@Suite(.serialized) struct RequestLogTests {
    @Test func noPathShapeLogsASecretOrAToken() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let hook = try WebhookTests.secretPath(ws, ["tilda", "--format", "tilda"])
            let secret = String(try #require(hook.split(separator: "/").last))
            let token = try ws.succeed(["token", "add", "r", "--scope", "read"]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try ServerProcess(ws)
            defer { server.stop() }
            let client = LoopbackClient(port: server.port)
            let form = ["Content-Type": "application/x-www-form-urlencoded"]
            let body = Array("Name=A&Phone=%2B79165550030&tranid=1:1".utf8)

            // The doubled slash reaches the webhook: the lead is written, the log shows only the source.
            #expect(try client.send("POST", "/" + hook, headers: form, body: body) == 200)
            let upper = secret.uppercased()
            let shapes = [
                hook, "/Hooks/tilda/\(secret)", "/HOOKS/tilda/\(secret)/more", "/hooks/tilda;\(secret)",
                "/hooks%2ftilda%2f\(secret)", "/hooks%2Ftilda%2F\(upper)", "/hooks//\(secret)",
                "/hooks/\(secret)/x",
                "//hooks//tilda//\(secret)", "/api/\(token)", "/API/\(token)", "//api/reports/\(token)",
                "/api%2f\(token)", "/\(token)", "/r/\(token)", "/login/\(token)", "/x/\(secret)",
                "/hooks/tilda/" + secret.map { "%" + String($0.asciiValue!, radix: 16) }.joined(),
            ]
            for path in shapes {
                _ = try client.send("POST", path, headers: form, body: body)
            }
            #expect(server.stop() == 0)
            let log = server.log
            #expect(log.contains("POST /hooks/tilda/… 200"), "\(log)")
            for hidden in [secret, upper, token, token.uppercased()] {
                // Not even a part of it.
                #expect(!log.contains(hidden.prefix(12)), "\(log)")
            }
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM lead") >= 1)
        }
    }
}
#endif
