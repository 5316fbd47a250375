#if Server
import Foundation
import Testing

/// Issue 13's dashboard against a real `leadtrail serve`: `GET /` is the summary page of a chosen period, opened by
/// `/login?token=…` (an `HttpOnly` cookie) or a bearer header, with a period picker and each report as CSV; it
/// renders in headless Chromium at a desktop's and a phone's width without horizontal overflow (acceptance 5).
@Suite(.serialized) struct DashboardTests {
    static let period = (from: "2026-11-01", to: "2026-11-30")

    static func token(_ ws: Workspace, _ name: String, db: String? = nil) throws -> String {
        try ws.succeed(["token", "add", name, "--scope", "read"] + (db.map { ["--db", $0] } ?? [])).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func loginSetsAnHttpOnlyCookieAndRedirectsOnlyToTheDashboard() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let token = try Self.token(ws, "dashboard")
            let hook = try ws.succeed(["hook", "add", "site", "--format", "json"]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try ServerProcess(ws, arguments: ["--trust-proxy"])
            defer { server.stop() }

            // No token: 401 with a small login page (a form that sends the token to /login).
            let anonymous = try server.request("GET", "/")
            #expect(anonymous.status == 401)
            #expect(anonymous.headers["content-type"] == "text/html; charset=utf-8")
            #expect(anonymous.body.contains(#"<form method="get" action="/login">"#))
            #expect(!anonymous.body.contains("Marketing summary"))
            #expect(try server.request("GET", "/login").status == 200)

            // An unknown token: 401, never echoed, no cookie.
            let wrong = "f00dfeed" + String(repeating: "0", count: 56)
            let refused = try server.request("GET", "/login?token=\(wrong)")
            #expect(refused.status == 401)
            #expect(!refused.body.contains(wrong))
            #expect(refused.headers["set-cookie"] == nil)
            #expect(try server.request("GET", "/login?token=%3Cscript%3E").status == 401)

            // The right one: a cookie and 302 to "/", whatever else the request asks for.
            let login = try server.request("GET", "/login?token=\(token)&next=https://evil.example/&redirect=//evil.example")
            #expect(login.status == 302, "\(login)")
            #expect(login.headers["location"] == "/")
            let cookie = try #require(login.headers["set-cookie"])
            #expect(cookie.hasPrefix("lt_token=\(token);"))
            for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] { #expect(cookie.contains(attribute), "\(cookie)") }
            #expect(!cookie.contains("Secure"))
            let behindTLS = try server.request("GET", "/login?token=\(token)", headers: ["X-Forwarded-Proto": "https"])
            #expect(behindTLS.headers["set-cookie"]?.hasSuffix("; Secure") == true, "\(behindTLS)")

            // The cookie opens the dashboard; so does the bearer header.
            let page = try server.request("GET", "/", headers: ["Cookie": "lt_visitor=x; lt_token=\(token)"])
            #expect(page.status == 200, "\(page)")
            #expect(page.headers["cache-control"] == "no-store")
            #expect(page.body.contains(#"<form class="period" method="get" action="/">"#))
            #expect(page.body.contains("<h1>Marketing summary"))
            let bearer = try server.request("GET", "/", headers: ["Authorization": "Bearer \(token)"])
            #expect(bearer.status == 200)

            // Live: a lead that arrives while the server runs is on the next page load.
            #expect(!page.body.contains("live_check"))
            let form = try server.request(
                "POST", hook, headers: ["Content-Type": "application/json"],
                text: #"{"submitted_at": "\#(ServerFlowTests.now())", "phone": "8 (916) 123-45-67", "utm_source": "vk", "utm_campaign": "live_check"}"#)
            #expect(form.status == 200, "\(form)")
            let after = try server.request("GET", "/", headers: ["Cookie": "lt_token=\(token)"])
            #expect(after.body.contains("<td>live_check</td>"), "the new lead's campaign is not on the page")

            // A cookie whose token was never made (or was removed): 401 and the cookie is cleared.
            let stale = try server.request("GET", "/", headers: ["Cookie": "lt_token=\(wrong)"])
            #expect(stale.status == 401)
            #expect(stale.headers["set-cookie"]?.contains("Max-Age=0") == true)
            #expect(!stale.body.contains(wrong))

            // Sign out clears it and goes to the login page.
            let logout = try server.request("GET", "/logout")
            #expect(logout.status == 302 && logout.headers["location"] == "/login")
            #expect(logout.headers["set-cookie"]?.hasPrefix("lt_token=;") == true)

            // A bad period is one line, not a trap.
            let backwards = try server.request(
                "GET", "/?from=2026-11-30&to=2026-11-01", headers: ["Authorization": "Bearer \(token)"])
            #expect(backwards.status == 400)
            #expect(backwards.body.contains("from 2026-11-30 is after to 2026-11-01"), "\(backwards.body)")
            let model = try server.request("GET", "/?model=%3Cb%3E", headers: ["Authorization": "Bearer \(token)"])
            #expect(model.status == 400)
            #expect(model.body.contains("unknown model &#39;&lt;b&gt;&#39;"), "\(model.body)")

            #expect(server.stop() == 0)
            #expect(!server.log.contains(token), "the log names the token")
            #expect(server.log.contains("GET /login 302"))
        }
    }

    @Test func theDashboardIsTheCLIsSummaryWithAPickerAndCSVLinks() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            try SummaryReportTests.setGoals(ws, database: db)
            let token = try Self.token(ws, "owner", db: db)
            let server = try ServerProcess(ws, arguments: ["--db", db])
            defer { server.stop() }
            let auth = ["Authorization": "Bearer \(token)"]
            let query = "from=\(Self.period.from)&to=\(Self.period.to)&model=linear"
            let page = try server.request("GET", "/?\(query)", headers: auth)
            #expect(page.status == 200, "\(page.status) \(page.body.prefix(500))")

            // The picker shows the period and model asked for.
            #expect(page.body.contains(#"<input type="date" name="from" value="2026-11-01" required>"#))
            #expect(page.body.contains(#"<input type="date" name="to" value="2026-11-30" required>"#))
            #expect(page.body.contains(#"<option value="linear" selected>"#))
            #expect(!page.body.lowercased().contains("<script"), "the dashboard runs no script")

            // Around the picker, it is the CLI's own page byte for byte.
            let cli = try ws.succeed(
                ["report", "summary", "--from", Self.period.from, "--to", Self.period.to, "--model", "linear",
                 "--format", "html", "--db", db]).stdout
            let nav = try #require(page.body.range(of: #"<nav class="dash""#))
            let navEnd = try #require(page.body.range(of: "</nav>", range: nav.upperBound..<page.body.endIndex))
            var stripped = page.body
            stripped.removeSubrange(nav.lowerBound..<navEnd.upperBound)
            let extra = try #require(stripped.range(of: ".dash{"))
            let styleEnd = try #require(stripped.range(of: "</style>"))
            stripped.removeSubrange(extra.lowerBound..<styleEnd.lowerBound)
            #expect(stripped == cli, "the dashboard's summary differs from report summary's")

            // Each report as CSV: exactly what the CLI prints, same period and model.
            for kind in ["attribution", "roas", "funnel", "models"] {
                // The funnel counts people, not money: like `report funnel`, it takes no currency.
                let currency = kind == "funnel" ? [] : ["--currency", "RUB"]
                let parameters = kind == "funnel" ? query : "\(query)&currency=RUB"
                let link = "/reports/\(kind).csv?" + parameters.replacingOccurrences(of: "&", with: "&amp;")
                #expect(page.body.contains(#"<a href="\#(link)" download>"#), "no link \(link)")
                let csv = try server.request("GET", "/reports/\(kind).csv?\(parameters)", headers: auth)
                #expect(csv.status == 200, "\(kind): \(csv)")
                #expect(csv.headers["content-type"] == "text/csv; charset=utf-8")
                #expect(
                    csv.headers["content-disposition"] == #"attachment; filename="\#(kind)-2026-11-01-2026-11-30.csv""#)
                let expected = try ws.succeed(
                    ["report", kind, "--from", Self.period.from, "--to", Self.period.to, "--model", "linear",
                     "--format", "csv", "--db", db] + currency).stdout
                #expect(csv.body == expected, "\(kind) CSV differs from the CLI's")
                #expect(csv.body.split(separator: "\n").count >= 2, "\(kind): a header and rows")
            }
            #expect(try server.request("GET", "/reports/roas.csv?\(query)").status == 401)
            #expect(try server.request("GET", "/reports/nope.csv", headers: auth).status == 404)
            #expect(try server.request("GET", "/reports/roas.json", headers: auth).status == 404)
            #expect(try server.request("GET", "/reports/roas.csv?from=2026-13-01", headers: auth).status == 400)
        }
    }

    /// Acceptance 5: from a real `leadtrail serve` on the demo, the dashboard at 1280 px and at 390 px (a phone)
    /// has no horizontal overflow; and Chromium itself signs in through `/login` and is shown the dashboard.
    @Test(.enabled(if: Chromium.shouldRun, Chromium.missing))
    func theDashboardRendersInChromiumAtDesktopAndPhoneWidths() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            try SummaryReportTests.setGoals(ws, database: db)
            let token = try Self.token(ws, "owner", db: db)
            let server = try ServerProcess(ws, arguments: ["--db", db])
            defer { server.stop() }
            let chromium = URL(fileURLWithPath: try #require(Chromium.path))

            // The page as the server serves it, with a probe added to a copy (the served page runs no script). Headless
            // Chromium keeps its window at least 500 px wide, so the page is laid out in a frame of the exact width;
            // the probe posts what it measured to the frame's parent, which Chromium prints.
            let page = try server.request(
                "GET", "/?from=\(Self.period.from)&to=\(Self.period.to)", headers: ["Cookie": "lt_token=\(token)"])
            try #require(page.status == 200, "\(page.status)")
            try page.body.replacingOccurrences(of: "</body>", with: Self.probe + "</body>")
                .write(to: ws.path("dashboard.html"), atomically: true, encoding: .utf8)
            for width in [1280, 390] {
                let frame = """
                    <!DOCTYPE html><html><body style="margin:0"><pre id="result"></pre>
                    <iframe src="dashboard.html" style="display:block;width:\(width)px;height:900px;border:0"></iframe>
                    <script>window.addEventListener('message', function (e) {
                      document.getElementById('result').textContent = 'LT-' + 'PROBE' + e.data + 'LT-' + 'PROBE'; });</script>
                    </body></html>
                    """
                try frame.write(to: ws.path("frame-\(width).html"), atomically: true, encoding: .utf8)
                let dump = try ws.run(
                    Chromium.arguments(width: width + 200, height: 1000)
                        + ["--virtual-time-budget=5000", "--dump-dom", ws.path("frame-\(width).html").absoluteString],
                    executable: chromium)
                try #require(dump.status == 0, "Chromium failed: \(dump.stderr.suffix(2000))")
                let found = try SummaryReportTests.probeResult(dump.stdout)
                let scrollWidth = try #require(found["scrollWidth"] as? Int)
                let innerWidth = try #require(found["innerWidth"] as? Int)
                #expect(innerWidth == width, "the frame is \(innerWidth) px, not \(width)")
                #expect(scrollWidth <= innerWidth, "at \(width) px the page is \(scrollWidth) px wide")
                #expect((found["outside"] as? [String])?.isEmpty == true, "at \(width) px: \(found["outside"] ?? "")")
                #expect(found["charts"] as? Int == 4, "charts at \(width) px: \(found["charts"] ?? "-")")
                #expect(found["picker"] as? Bool == true, "the picker at \(width) px")
            }

            // Live: Chromium signs in (the cookie set by the 302 is sent to "/") and is shown the dashboard.
            let live = try ws.run(
                Chromium.arguments(width: 390, height: 900) + ["--dump-dom", server.base + "/login?token=\(token)"],
                executable: chromium)
            try #require(live.status == 0, "Chromium failed: \(live.stderr.suffix(2000))")
            #expect(live.stdout.contains(#"<form class="period" method="get" action="/">"#), "\(live.stdout.prefix(800))")
            #expect(live.stdout.contains("Marketing summary"))
            let anonymous = try ws.run(
                Chromium.arguments(width: 390, height: 900) + ["--dump-dom", server.base + "/"], executable: chromium)
            #expect(anonymous.stdout.contains(#"action="/login""#) && !anonymous.stdout.contains("Marketing summary"))

            // A phone-width screenshot of the live page, kept with the test output.
            try FileManager.default.createDirectory(at: SummaryReportTests.outputFolder, withIntermediateDirectories: true)
            let screenshot = SummaryReportTests.outputFolder.appendingPathComponent("dashboard-390.png")
            try? FileManager.default.removeItem(at: screenshot)
            let shot = try ws.run(
                Chromium.arguments(width: 390, height: 2400)
                    + ["--screenshot=\(screenshot.path)", server.base + "/login?token=\(token)"],
                executable: chromium)
            #expect(shot.status == 0, "Chromium's screenshot failed: \(shot.stderr.suffix(2000))")
            #expect((try? Data(contentsOf: screenshot))?.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true)
            #expect(!server.log.contains(token))
        }
    }

    /// Measures the page as laid out: its scroll width against the window, elements outside the window that are
    /// not inside a scrolling table, the charts and the picker.
    static let probe = """
        <script>
        (function () {
          const width = window.innerWidth;
          const out = { innerWidth: width, scrollWidth: document.scrollingElement.scrollWidth, outside: [],
            charts: document.querySelectorAll('svg.chart').length,
            picker: !!document.querySelector('form.period input[name=from]') };
          document.querySelectorAll('body *').forEach(function (el) {
            if (el.tagName === 'SCRIPT' || el.closest('.table')) return;
            const box = el.getBoundingClientRect();
            if (box.width === 0 && box.height === 0) return;
            if (box.left < -0.5 || box.right > width + 0.5)
              out.outside.push(el.tagName.toLowerCase() + '.' + (el.getAttribute('class') || '') + ' ' + box.left + '…' + box.right);
          });
          parent.postMessage(JSON.stringify(out), '*');
        })();
        </script>
        """
}
#endif
