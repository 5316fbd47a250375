#if Server
import Crypto
import Foundation
import Testing

/// Acceptance 2 of issue 13: each webhook format with a real-shaped payload, its handshake, a bad token, a bad
/// signature, a retried delivery (one lead) and an oversized body, against a real `leadtrail serve`.
@Suite(.serialized) struct WebhookTests {
    static func secretPath(_ ws: Workspace, _ arguments: [String]) throws -> String {
        try ws.succeed(["hook", "add"] + arguments).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func leads(_ ws: Workspace) throws -> Int { try ServerDatabase.count(ws, "SELECT COUNT(*) FROM lead") }

    static let tildaBody =
        "Name=%D0%95%D0%BB%D0%B5%D0%BD%D0%B0+%D0%90%D0%BD%D0%B4%D1%80%D0%B5%D0%B5%D0%B2%D0%B0&Phone=%2B7+%28977%29+388-41-31"
        + "&Email=andreeva.elena%40mail.ru&Comments=%D0%9A%D0%BE%D0%BD%D1%81%D1%83%D0%BB%D1%8C%D1%82%D0%B0%D1%86%D0%B8%D1%8F"
        + "&tranid=6731045%3A7692192387&formid=form812345678&COOKIES="
        + "_ym_uid%3D1728951955459430526%3B+tildauid%3D1728951955184.574511%3B+TILDAUTM%3Dutm_source%253Dtelegram%257C%257C%257Cutm_medium%253Dcpc%257C%257C%257Cutm_campaign%253Dtg_channel_promo%257C%257C%257C"

    @Test(arguments: StoreKind.allCases)
    func tildaProbeLeadRetryBadSecretAndOversizedBody(store: StoreKind) throws {
        try Workspace.with(store: store, databasePrefix: ServerFlowTests.databasePrefix) { ws in
            try ws.succeed(["init"])
            let path = try Self.secretPath(ws, ["tilda", "--format", "tilda"])
            #expect(path.hasPrefix("/hooks/tilda/"))
            let server = try ServerProcess(ws, arguments: ["--max-body-bytes", "4096"])
            defer { server.stop() }
            let form = ["Content-Type": "application/x-www-form-urlencoded"]

            #expect(try server.request("POST", path, headers: form, text: "test=test").status == 200)
            #expect(try Self.leads(ws) == 0)
            let first = try server.request("POST", path, headers: form, text: Self.tildaBody)
            #expect(first.status == 200, "\(first)")
            let retry = try server.request("POST", path, headers: form, text: Self.tildaBody)
            #expect(retry.status == 200, "\(retry)")
            #expect(try Self.leads(ws) == 1)
            #expect(try ServerDatabase.strings(ws, "SELECT email FROM lead") == ["andreeva.elena@mail.ru"])
            #expect(try ServerDatabase.strings(ws, "SELECT utm_campaign FROM touch") == ["tg_channel_promo"])
            // One batch, not one per retry.
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM import_batch") == 1)

            let wrong = String(path.dropLast(4)) + "abcd"
            #expect(try server.request("POST", wrong, headers: form, text: Self.tildaBody).status == 401)
            #expect(try server.request("POST", "/hooks/nobody/x", headers: form, text: "test=test").status == 404)
            let big = "Name=x&Comments=" + String(repeating: "a", count: 5000)
            #expect(try server.request("POST", path, headers: form, text: big).status == 413)
            let invalid = try server.request("POST", path, headers: form, text: "Name=Nobody&tranid=1%3A2")
            #expect(invalid.status == 422)
            #expect(invalid.body.contains("email"))
            #expect(try Self.leads(ws) == 1)
        }
    }

    /// A leaked webhook URL is replaced with `hook rotate`: the running server refuses the old path from the next
    /// delivery and takes the new one; `hook remove` makes the path unknown, and the leads it brought stay.
    @Test(arguments: StoreKind.allCases)
    func aRotatedOrRemovedHookIsRefusedAtOnceWithoutARestart(store: StoreKind) throws {
        try Workspace.with(store: store, databasePrefix: ServerFlowTests.databasePrefix) { ws in
            try ws.succeed(["init"])
            let leaked = try Self.secretPath(ws, ["site", "--format", "json"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            func record(_ id: Int) -> String {
                #"{"id": "f-\#(id)", "submitted_at": "2026-11-02T10:00:00+03:00", "email": "buyer\#(id)@example.com"}"#
            }
            #expect(try server.request("POST", leaked, text: record(1)).status == 200)

            let rotated = try ws.succeed(["hook", "rotate", "site"])
            let fresh = rotated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(fresh.hasPrefix("/hooks/site/") && fresh != leaked, "\(rotated)")
            #expect(rotated.stderr.contains("old URL path is refused"), "\(rotated)")
            #expect(try server.request("POST", leaked, text: record(2)).status == 401)
            #expect(try server.request("POST", fresh, text: record(3)).status == 200)
            #expect(try Self.leads(ws) == 2)
            // The secret is kept hashed: neither path is in the database.
            let sources = try ServerDatabase.strings(ws, "SELECT secret_sha256 FROM webhook_source")
            #expect(sources.count == 1 && !sources[0].isEmpty)
            #expect(!fresh.hasSuffix(sources[0]))

            let removed = try ws.succeed(["hook", "remove", "site"])
            #expect(removed.stdout.hasPrefix("Webhook source 'site' removed"), "\(removed)")
            #expect(try server.request("POST", fresh, text: record(4)).status == 404)
            #expect(try Self.leads(ws) == 2)
            expectRefused(try ws.run(["hook", "rotate", "site"]), mentioning: "no webhook source named 'site'")
            expectRefused(try ws.run(["hook", "remove", "site"]), mentioning: "no webhook source named 'site'")
            // The name is free again; a name in use names the way to a new secret.
            try ws.succeed(["hook", "add", "site", "--format", "tilda"])
            expectRefused(
                try ws.run(["hook", "add", "site", "--format", "json"]), mentioning: "leadtrail hook rotate site")
        }
    }

    @Test func genericJSONTakesTheVisitorAndRefusesBadRecords() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let path = try Self.secretPath(ws, ["site", "--format", "json"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            let record = #"{"id": "f-1", "submitted_at": "2026-11-02T10:00:00+03:00", "email": "Ivan@Example.com", "visitor": "v-1", "page_url": "https://a.example/?utm_source=vk&utm_campaign=autumn"}"#
            #expect(try server.request("POST", path, text: record).status == 200)
            #expect(try server.request("POST", path, text: record).status == 200)
            #expect(try Self.leads(ws) == 1)
            let bad = try server.request("POST", path, text: #"{"submitted_at": "yesterday", "email": "a@b.c"}"#)
            #expect(bad.status == 422)
            #expect(bad.body.contains("submitted_at"))
            #expect(try server.request("POST", path, text: "{not json").status == 400)
            #expect(try Self.leads(ws) == 1)
        }
    }

    @Test func vkConfirmationSecretAndOneLeadPerGroupAndLeadID() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let path = try Self.secretPath(
                ws, ["vk", "--format", "vk", "--vk-confirmation", "a1b2c3d4", "--vk-secret", "s3cr3t"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            let confirm = try server.request(
                "POST", path, text: #"{"type": "confirmation", "group_id": 218406577, "secret": "s3cr3t"}"#)
            #expect(confirm.status == 200)
            #expect(confirm.body == "a1b2c3d4")
            let event = #"""
                {"group_id":218406577,"type":"lead_forms_new","event_id":"316c822f","v":"5.199","secret":"s3cr3t",
                 "object":{"lead_id":4005376,"group_id":218406577,"user_id":718111871,"form_id":3,
                           "form_name":"Заявка на курс SMM","ad_id":168834257,
                           "answers":[{"key":"first_name","question":"Имя","answer":"Полина"},
                                      {"key":"phone_number","question":"Номер телефона","answer":"+79030646411"}]}}
                """#
            let first = try server.request("POST", path, text: event)
            #expect(first.status == 200)
            #expect(first.body == "ok")
            #expect(try server.request("POST", path, text: event).body == "ok")
            #expect(try Self.leads(ws) == 1)
            #expect(try ServerDatabase.strings(ws, "SELECT phone FROM lead") == ["+79030646411"])
            let forged = event.replacingOccurrences(of: "s3cr3t", with: "guess")
            #expect(try server.request("POST", path, text: forged).status == 401)
            #expect(try Self.leads(ws) == 1)
        }
    }

    @Test func metaVerificationSignatureAndLeadgenKeptOnce() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let path = try Self.secretPath(
                ws, ["meta", "--format", "meta", "--meta-verify-token", "verify-me", "--meta-app-secret", "app-secret"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            let challenge = try server.request(
                "GET", path + "?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444")
            #expect(challenge.status == 200)
            #expect(challenge.body == "1158201444")
            #expect(
                try server.request("GET", path + "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1").status
                    == 403)

            let body = #"{"object":"page","entry":[{"id":"153125381133","time":1438292065,"changes":[{"field":"leadgen","value":{"leadgen_id":"123123123123","page_id":"153125381133","form_id":"567567567567","adgroup_id":"0","ad_id":"0","created_time":1438292065}}]}]}"#
            let mac = HMAC<SHA256>.authenticationCode(for: Array(body.utf8), using: SymmetricKey(data: Array("app-secret".utf8)))
            let signature = "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
            let signed = try server.request("POST", path, headers: ["X-Hub-Signature-256": signature], text: body)
            #expect(signed.status == 200, "\(signed)")
            #expect(try server.request("POST", path, headers: ["X-Hub-Signature-256": signature], text: body).status == 200)
            #expect(try ServerDatabase.strings(ws, "SELECT leadgen_id FROM meta_leadgen") == ["123123123123"])
            let tampered = body.replacingOccurrences(of: "123123123123", with: "999")
            #expect(try server.request("POST", path, headers: ["X-Hub-Signature-256": signature], text: tampered).status == 401)
            #expect(try server.request("POST", path, text: body).status == 401)
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM meta_leadgen") == 1)
        }
    }

    /// An option the format does not use is refused in one line (a secret given for nothing is never dropped
    /// silently), and nothing is added.
    @Test(arguments: [
        ["site", "--format", "json", "--meta-app-secret", "given-secret"],
        ["tilda", "--format", "tilda", "--vk-secret", "given-secret"],
        ["vk", "--format", "vk", "--vk-confirmation", "c", "--meta-verify-token", "given-secret"],
        ["meta", "--format", "meta", "--meta-verify-token", "t", "--meta-app-secret", "a", "--vk-secret", "given-secret"],
    ])
    func hookAddRefusesAnOptionItsFormatDoesNotUse(arguments: [String]) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let option = try #require(arguments.last { $0.hasPrefix("--") && $0 != "--format" })
            let result = try ws.refuse(["hook", "add"] + arguments, mentioning: option, "does not use")
            #expect(!result.stderr.contains("given-secret"))
        }
    }

    @Test func aSourceOverItsRateIsAnswered429() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let path = try Self.secretPath(ws, ["tilda", "--format", "tilda"])
            let server = try ServerProcess(ws, arguments: ["--hook-rate", "2"])
            defer { server.stop() }
            let statuses = try (0..<6).map { _ in try server.request("POST", path, text: "test=test").status }
            #expect(statuses.contains(429), "\(statuses)")
            #expect(statuses.first == 200)
        }
    }
}
#endif
