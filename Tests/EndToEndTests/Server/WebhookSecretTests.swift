#if Server
import Crypto
import Foundation
import GRDB
import Testing

/// A platform secret may not be empty: with an empty Meta app secret anyone can sign a notification, with an empty
/// verify token or VK secret a request that sends none passes.
@Suite(.serialized) struct WebhookSecretTests {
    @Test(arguments: [
        (["meta", "--format", "meta", "--meta-verify-token", "", "--meta-app-secret", "app"], "--meta-verify-token"),
        (["meta", "--format", "meta", "--meta-verify-token", "t", "--meta-app-secret", ""], "--meta-app-secret"),
        (["meta", "--format", "meta", "--meta-verify-token", "t", "--meta-app-secret", " \t "], "--meta-app-secret"),
        (["vk", "--format", "vk", "--vk-confirmation", "c", "--vk-secret", ""], "--vk-secret"),
        (["vk", "--format", "vk", "--vk-confirmation", "  ", "--vk-secret", "s"], "--vk-confirmation"),
    ])
    func hookAddRefusesAnEmptySecretInOneLine(arguments: [String], option: String) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            _ = try ws.refuse(["hook", "add"] + arguments, mentioning: option, "empty")
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM webhook_source") == 0)
        }
    }

    /// A database made before `hook add` refused them may hold empty secrets: the server refuses those sources'
    /// deliveries and handshakes, and `hook rotate` refuses to renew them.
    @Test func theServerRefusesASourceStoredWithAnEmptySecret() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let meta = try WebhookTests.secretPath(
                ws, ["meta", "--format", "meta", "--meta-verify-token", "t", "--meta-app-secret", "a"])
            let vk = try WebhookTests.secretPath(ws, ["vk", "--format", "vk", "--vk-confirmation", "c", "--vk-secret", "s"])
            let queue = try DatabaseQueue(path: ws.defaultDatabase.path)
            try queue.write { db in try db.execute(sql: "UPDATE webhook_source SET handshake = '', shared_secret = ''") }
            try queue.close()
            _ = try ws.refuse(["hook", "rotate", "meta"], mentioning: "empty --meta-verify-token", "hook remove meta")

            let server = try ServerProcess(ws)
            defer { server.stop() }
            let body = #"{"object":"page","entry":[{"id":"1","time":1,"changes":[{"field":"leadgen","value":{"leadgen_id":"42","form_id":"7","page_id":"1"}}]}]}"#
            let mac = HMAC<SHA256>.authenticationCode(for: Array(body.utf8), using: SymmetricKey(data: [UInt8]()))
            let signature = "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
            let forged = try server.request("POST", meta, headers: ["X-Hub-Signature-256": signature], text: body)
            #expect(forged.status == 403, "\(forged)")
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM meta_leadgen") == 0)
            let verify = try server.request("GET", meta + "?hub.mode=subscribe&hub.verify_token=&hub.challenge=9")
            #expect(verify.status == 403 && verify.body != "9", "\(verify)")
            let event = #"{"group_id":1,"type":"lead_forms_new","object":{"lead_id":5,"group_id":1,"form_id":3,"answers":[{"key":"phone_number","answer":"+79030646411"}]}}"#
            let unsigned = try server.request("POST", vk, text: event)
            #expect(unsigned.status == 403, "\(unsigned)")
            #expect(try WebhookTests.leads(ws) == 0)
            #expect(server.log.contains("has an empty"))
        }
    }
}
#endif
