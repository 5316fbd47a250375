#if Server
import Foundation
import Testing

/// Issue 13's page snippet against a real `leadtrail serve`: `GET /t.js` and `POST /t`, and the script itself run
/// by headless Chromium on a landing page, its beacon arriving as a touch that a form from the page joins to a lead.
@Suite(.serialized) struct SnippetTests {
    @Test func theScriptBeaconsToItsOwnServerAndTheBeaconRecordsATouch() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let hook = try ws.succeed(["hook", "add", "site", "--format", "json"]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try ServerProcess(ws, arguments: ["--max-body-bytes", "8192"])
            defer { server.stop() }

            let script = try server.request("GET", "/t.js")
            #expect(script.status == 200)
            #expect(script.headers["content-type"] == "application/javascript; charset=utf-8")
            for needed in ["navigator.sendBeacon", #""/t""#, "leadtrail_visitor", "lt_visitor=", "document.referrer"] {
                #expect(script.body.contains(needed), "the script lacks \(needed)")
            }
            // It reaches only the server it came from and reads nothing about the browser.
            for banned in ["http://", "https://", "XMLHttpRequest", "fetch(", "userAgent", "screen.", "canvas", "<img"] {
                #expect(!script.body.contains(banned), "the script contains \(banned)")
            }

            // A visit with the page's own visitor: recorded with its UTM, click id and referrer; no cookie needed.
            let visitor = "0123456789abcdef0123456789abcdef"
            let url = "https://shop.example/landing?utm_source=yandex&utm_medium=cpc&utm_campaign=autumn&yclid=9041"
            let visit = try server.request(
                "POST", "/t", headers: ["Content-Type": "text/plain;charset=UTF-8"],
                text: #"{"url": "\#(url)", "referrer": "https://yandex.ru/search/?text=курсы", "visitor": "\#(visitor)"}"#)
            #expect(visit.status == 200, "\(visit)")
            #expect(visit.body == #"{"visitor":"\#(visitor)"}"# + "\n")
            #expect(visit.headers["set-cookie"] == nil)

            // No visitor at all: a new one, set in our cookie; the cookie is then reused.
            let first = try server.request("POST", "/t", text: #"{"url": "https://shop.example/?utm_campaign=spring"}"#)
            #expect(first.status == 200)
            let cookie = try #require(first.headers["set-cookie"])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            let issued = String(cookie.dropFirst("lt_visitor=".count).prefix(32))
            #expect(first.body.contains(issued))
            let again = try server.request(
                "POST", "/t", headers: ["Cookie": "lt_visitor=\(issued)"], text: #"{"url": "https://shop.example/price"}"#)
            #expect(again.status == 200)
            #expect(again.headers["set-cookie"] == nil)
            #expect(again.body.contains(issued))
            // A malformed visitor in the body is not trusted.
            let forged = try server.request(
                "POST", "/t", headers: ["Cookie": "lt_visitor=\(issued)"],
                text: #"{"url": "https://shop.example/", "visitor": "'; DROP TABLE touch; --"}"#)
            #expect(forged.body.contains(issued))

            // Bad beacons: one line each, nothing written.
            let before = try ServerDatabase.count(ws, "SELECT COUNT(*) FROM touch")
            #expect(try server.request("POST", "/t", text: "not json").status == 400)
            #expect(try server.request("POST", "/t", text: #"{"referrer": "x"}"#).status == 400)
            let huge = #"{"url": "https://shop.example/?q=\#(String(repeating: "я", count: 9000))"}"#
            #expect(try server.request("POST", "/t", text: huge).status == 413)
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM touch") == before)

            let rows = try ServerDatabase.strings(
                ws,
                """
                SELECT visitor || '|' || utm_source || '|' || utm_campaign || '|' || click_id_type || '|' || click_id
                || '|' || referrer || '|' || channel FROM touch WHERE utm_campaign = 'autumn'
                """)
            #expect(rows == ["\(visitor)|yandex|autumn|yclid|9041|https://yandex.ru/search/?text=курсы|paid_search"], "\(rows)")
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM touch WHERE visitor = '\(issued)'") == 3)

            // The form the page fills carries the visitor: the lead is credited to the visit's campaign.
            let form = try server.request(
                "POST", hook, headers: ["Content-Type": "application/json"],
                text: #"{"submitted_at": "\#(ServerFlowTests.now())", "name": "Ольга", "phone": "8 (916) 123-45-67", "leadtrail_visitor": "\#(visitor)"}"#)
            #expect(form.status == 200, "\(form)")
            let lead = try ws.succeed(["lead", "show", "1", "--format", "json"]).stdout
            #expect(lead.contains("autumn") && lead.contains("9041"), "\(lead)")
        }
    }

    /// The script run by a browser: headless Chromium opens a landing page that loads `/t.js` from the server; the
    /// beacon arrives as a touch with the page's UTM, and the page's hidden field holds the same visitor.
    @Test(.enabled(if: Chromium.shouldRun, Chromium.missing))
    func chromiumRunsTheSnippetAndItsBeaconArrives() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            let page = """
                <!DOCTYPE html><html><head><meta charset="utf-8"><script src="\(server.base)/t.js"></script></head>
                <body><form><input type="hidden" name="leadtrail_visitor"></form><pre id="out"></pre>
                <script>setTimeout(function () { document.getElementById('out').textContent = 'VISITOR[' +
                  document.querySelector('input[name=leadtrail_visitor]').value + ']'; }, 300);</script>
                </body></html>
                """
            try page.write(to: ws.path("landing.html"), atomically: true, encoding: .utf8)
            let url = ws.path("landing.html").absoluteString + "?utm_source=vk&utm_medium=cpc&utm_campaign=winter&vkclid=77"
            let chromium = URL(fileURLWithPath: try #require(Chromium.path))
            let dump = try ws.run(
                Chromium.arguments(width: 800, height: 600) + ["--virtual-time-budget=3000", "--dump-dom", url],
                executable: chromium)
            try #require(dump.status == 0, "Chromium failed: \(dump.stderr.suffix(2000))")
            // The page's own script writes the field's value between the brackets (its source has no hex there).
            let filled = dump.stdout.components(separatedBy: "VISITOR[").dropFirst()
                .map { String($0.prefix { $0 != "]" }) }.first { $0.count == 32 && $0.allSatisfy(\.isHexDigit) } ?? ""
            #expect(filled.count == 32, "the hidden field holds '\(filled)'")

            // The beacon may land a moment after the page is printed.
            var rows: [String] = []
            for _ in 0..<100 {
                rows = try ServerDatabase.strings(
                    ws, "SELECT visitor || '|' || utm_source || '|' || utm_campaign || '|' || click_id FROM touch")
                if !rows.isEmpty { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
            #expect(rows == ["\(filled)|vk|winter|77"], "touches: \(rows); log: \(server.log)")
            #expect(server.log.contains("POST /t 200"))
        }
    }
}
#endif
