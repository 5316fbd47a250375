#if Server
import Foundation
import Testing

/// Request bodies read as `import forms` reads its records: from the first byte, a byte order mark skipped, and a
/// body of the wrong type named as such.
@Suite(.serialized) struct WebhookBodyTests {
    static let json = ["Content-Type": "application/json"]

    /// The JSON hook, `POST /api/leads` and `POST /t` took `X"id":…}` and `["id":…}` (the first byte was skipped
    /// unread) and placed errors one byte late.
    @Test func jsonBodiesAreReadFromTheirFirstByte() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let hook = try WebhookTests.secretPath(ws, ["site", "--format", "json"])
            let writer = try ws.succeed(["token", "add", "crm", "--scope", "write"]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try ServerProcess(ws)
            defer { server.stop() }
            let api = Self.json.merging(["Authorization": "Bearer \(writer)"]) { $1 }
            for (index, first) in ["X", "[", "n", "\u{1}"].enumerated() {
                let body = first + #""id":"a\#(index)","phone":"+7916111223\#(index)","submitted_at":"2026-12-07T05:00:00+03:00"}"#
                let hooked = try server.request("POST", hook, headers: Self.json, text: body)
                #expect(hooked.status == 400, "\(first): \(hooked)")
                let added = try server.request("POST", "/api/leads", headers: api, text: body)
                #expect(added.status == 400, "\(first): \(added)")
                let beacon = try server.request("POST", "/t", text: first + #""url":"https://a.example/"}"#)
                #expect(beacon.status == 400, "\(first): \(beacon)")
            }
            let null = try server.request("POST", hook, headers: Self.json, text: "null")
            #expect(null.body == "expected a JSON object, found null\n", "\(null)")
            let cut = try server.request("POST", hook, headers: Self.json, text: "nul")
            #expect(cut.body.contains("(column 1)"), "\(cut)")
            #expect(try WebhookTests.leads(ws) == 0)
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM touch") == 0)
        }
    }

    /// A UTF-8 byte order mark before the JSON is fine, as `import forms` takes it (README).
    @Test func aByteOrderMarkBeforeTheJSONIsAccepted() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let hook = try WebhookTests.secretPath(ws, ["site", "--format", "json"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            let body: [UInt8] =
                [0xEF, 0xBB, 0xBF] + Array(#"{"id":"a3","phone":"+79161112235","submitted_at":"2026-12-07T05:00:00+03:00"}"#.utf8)
            let answer = try server.request("POST", hook, headers: Self.json, body: body)
            #expect(answer.status == 200, "\(answer)")
            #expect(try WebhookTests.leads(ws) == 1)
        }
    }

    /// Multipart or JSON sent to the Tilda hook was 422 "one of fields 'email' and 'phone' is required"; a form sent
    /// to the JSON hook was 400 about a stray byte.
    @Test func aBodyOfAnotherTypeIs415NamingTheOneExpected() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let tilda = try WebhookTests.secretPath(ws, ["tilda", "--format", "tilda"])
            let site = try WebhookTests.secretPath(ws, ["site", "--format", "json"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            let multipart = try server.request(
                "POST", tilda, headers: ["Content-Type": "multipart/form-data; boundary=x"],
                text: "--x\r\nContent-Disposition: form-data; name=\"Phone\"\r\n\r\n+79163219988\r\n--x--\r\n")
            #expect(multipart.status == 415, "\(multipart)")
            #expect(multipart.body.contains("application/x-www-form-urlencoded") && multipart.body.contains("multipart/form-data"))
            let json = try server.request(
                "POST", tilda, headers: Self.json, text: #"{"Name":"Анна","Phone":"+7 916 321-99-88","tranid":"j:1"}"#)
            #expect(json.status == 415, "\(json)")
            #expect(json.body.contains("application/json"))

            let form = try server.request(
                "POST", site, headers: ["Content-Type": "application/x-www-form-urlencoded"], text: "phone=%2B79163219988")
            #expect(form.status == 415, "\(form)")
            #expect(form.body.contains("JSON") && form.body.contains("application/x-www-form-urlencoded"), "\(form)")
            // curl -d '{…}' sends JSON as a form: the JSON is read.
            let curlDefault = try server.request(
                "POST", site, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                text: #"{"phone":"+79163219988","submitted_at":"2026-12-07T05:00:00+03:00"}"#)
            #expect(curlDefault.status == 200, "\(curlDefault)")
            // Tilda's own body still goes in.
            let tildaForm = try server.request(
                "POST", tilda, headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
                text: "Phone=%2B79163219989&tranid=t%3A1")
            #expect(tildaForm.status == 200, "\(tildaForm)")
            #expect(try WebhookTests.leads(ws) == 2)
        }
    }

    /// A site's snippet that sends no `submitted_at` was 422; Tilda's submissions take the receive time, and so does
    /// the JSON hook now; a retry of the same body is still the same submission.
    @Test func aJSONSubmissionWithoutItsTimeTakesTheReceiveTime() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let hook = try WebhookTests.secretPath(ws, ["site", "--format", "json"])
            let writer = try ws.succeed(["token", "add", "crm", "--scope", "write"]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try ServerProcess(ws)
            defer { server.stop() }
            let before = Int64(Date().timeIntervalSince1970 * 1_000_000)
            let body = #"{"phone":"+79161112240","name":"Анна","utm_campaign":"snippet"}"#
            let first = try server.request("POST", hook, headers: Self.json, text: body)
            #expect(first.status == 200, "\(first)")
            let retry = try server.request("POST", hook, headers: Self.json, text: body)
            #expect(retry.status == 200 && retry.body == "already received\n", "\(retry)")
            let api = try server.request(
                "POST", "/api/leads", headers: Self.json.merging(["Authorization": "Bearer \(writer)"]) { $1 },
                text: #"{"email":"crm@example.com"}"#)
            #expect(api.status == 200, "\(api)")
            // POST /api/leads answers which lead, and whether it made it (it answered a bare "ok").
            #expect(api.headers["content-type"] == "application/json")
            #expect(api.body == #"{"lead":2,"outcome":"created"}"# + "\n", "\(api)")
            let again = try server.request(
                "POST", "/api/leads", headers: Self.json.merging(["Authorization": "Bearer \(writer)"]) { $1 },
                text: #"{"email":"crm@example.com"}"#)
            #expect(again.body == #"{"lead":2,"outcome":"already_received"}"# + "\n", "\(again)")
            let after = Int64(Date().timeIntervalSince1970 * 1_000_000)
            #expect(try WebhookTests.leads(ws) == 2)
            let times = try ServerDatabase.strings(ws, "SELECT created_at FROM lead").compactMap { Int64($0) }
            #expect(times.count == 2 && times.allSatisfy { $0 >= before && $0 <= after }, "\(times)")
        }
    }
}
#endif
