#if Server
    import Foundation
    import Testing

    /// Acceptance 1 of issue 13, against a real `leadtrail serve`: a click on a tracked link, a form webhook from that
    /// visitor, `deal won` in the CLI, and the report API crediting the link's campaign with the deal's value — on
    /// SQLite and on PostgreSQL (`serve --db postgres://…`, a fresh database `serve_pg_…` per test).
    @Suite(.serialized) struct ServerFlowTests {
        static func now() -> String { ISO8601DateFormatter().string(from: Date()) }
        static func today() -> String { String(now().prefix(10)) }

        /// The database prefix of the server's PostgreSQL tests.
        static let databasePrefix = "serve_pg_"

        @Test(arguments: StoreKind.allCases)
        func clickFormDealAndReportAPICreditTheLinksCampaign(store: StoreKind) throws {
            try Workspace.with(store: store, databasePrefix: Self.databasePrefix) { ws in
                try ws.succeed(["init"])
                try ws.succeed([
                    "link", "add", "spring", "--to", "https://shop.example/landing?ref=bio#form", "--campaign",
                    "spring-sale", "--source", "yandex", "--medium", "cpc",
                ])
                let hook = try ws.succeed(["hook", "add", "site", "--format", "json"]).stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let token = try ws.succeed(["token", "add", "dashboard", "--scope", "read"]).stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let server = try ServerProcess(ws)
                defer { server.stop() }

                #expect(try server.request("GET", "/healthz").status == 200)
                let click = try server.request(
                    "GET", "/r/spring?yclid=7301", headers: ["User-Agent": "Mozilla/5.0 (iPhone)"])
                #expect(click.status == 302, "\(click)")
                #expect(
                    click.headers["location"]
                        == "https://shop.example/landing?ref=bio&utm_source=yandex&utm_medium=cpc&utm_campaign=spring-sale&yclid=7301#form"
                )
                let cookie = try #require(click.headers["set-cookie"])
                #expect(
                    cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax")
                        && cookie.contains("Max-Age=31536000"))
                #expect(!cookie.contains("Secure"))
                let visitor = String(cookie.dropFirst("lt_visitor=".count).prefix(32))

                let submission =
                    #"{"id": "f-1", "submitted_at": "\#(Self.now())", "name": "Анна Петрова", "phone": "8 (916) 123-45-67", "leadtrail_visitor": "\#(visitor)"}"#
                let form = try server.request(
                    "POST", hook, headers: ["Content-Type": "application/json"], text: submission)
                #expect(form.status == 200, "\(form)")
                // The form's platform delivers it again (it missed the answer): still one lead, one batch.
                let retry = try server.request(
                    "POST", hook, headers: ["Content-Type": "application/json"], text: submission)
                #expect(retry.status == 200, "\(retry)")
                #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM lead") == 1)
                #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM import_batch") == 1)

                try ws.succeed(["deal", "add", "1", "125000.00"])
                try ws.succeed(["deal", "won", "1"])

                let day = Self.today()
                let api = try server.request(
                    "GET", "/api/reports/attribution?from=\(day)&to=\(day)",
                    headers: ["Authorization": "Bearer \(token)"])
                #expect(api.status == 200, "\(api)")
                let cli = try ws.succeed(["report", "attribution", "--from", day, "--to", day, "--format", "json"])
                    .stdout
                #expect(api.body == cli)
                let report = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
                let rows = try #require(report["rows"] as? [[String: Any]])
                #expect(rows.count == 1)
                #expect(rows.first?["key"] as? String == "spring-sale")
                #expect((rows.first?["value"] as? NSNumber)?.doubleValue == 125_000)
                #expect(api.body.contains("125000.00"))

                // The click's touch carries the click id and the visitor the form named.
                let touches = try ws.succeed(["lead", "show", "1", "--format", "json"]).stdout
                #expect(touches.contains("7301"))
                #expect(server.stop() == 0)
                // The log names no secret, and the database by its place only: never the PostgreSQL password.
                #expect(!server.log.contains(token))
                #expect(!server.log.contains(String(hook.split(separator: "/").last ?? "")))
                if let postgres = ws.postgres {
                    #expect(server.log.contains("listening on 127.0.0.1:\(server.port), database \(postgres.place)"))
                    if let secret = postgres.secret { #expect(!server.log.contains(secret)) }
                } else {
                    #expect(server.log.contains("database leadtrail.sqlite"))
                }
            }
        }

        /// PostgreSQL ends the server's sessions (a restart, an administrator's `pg_terminate_backend`): the request
        /// that finds its connection gone is answered at once (never left hanging), and the next ones reconnect.
        @Test(arguments: StoreKind.postgresOnly)
        func aConnectionThePostgreSQLServerEndsIsOpenedAgain(store: StoreKind) throws {
            try Workspace.with(store: store, databasePrefix: Self.databasePrefix) { ws in
                try ws.succeed(["init"])
                try ws.succeed(["link", "add", "promo", "--to", "https://shop.example/", "--campaign", "promo"])
                let token = try ws.succeed(["token", "add", "r", "--scope", "read"]).stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let database = try #require(ws.postgres)
                let server = try ServerProcess(ws)
                defer { server.stop() }
                let agent = ["User-Agent": "Mozilla/5.0"]
                #expect(try server.request("GET", "/r/promo?yclid=before", headers: agent).status == 302)
                let ended = try database.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND application_name = 'leadtrail' AND pid <> pg_backend_pid()"
                )
                #expect(ended == "3", "the server's reads, writer and dashboard: \(ended)")
                Thread.sleep(forTimeInterval: 0.5)
                // The first request on each lost connection is refused (500: nothing it did was committed)…
                for number in 1...3 {
                    let click = try server.request("GET", "/r/promo?yclid=after\(number)", headers: agent)
                    #expect([302, 500].contains(click.status), "\(click)")
                }
                // …and the server goes on over new connections.
                #expect(try server.request("GET", "/r/promo?yclid=later", headers: agent).status == 302)
                let leads = try server.request("GET", "/api/leads", headers: ["Authorization": "Bearer \(token)"])
                let again = try server.request("GET", "/api/leads", headers: ["Authorization": "Bearer \(token)"])
                #expect([200, 500].contains(leads.status) && again.status == 200, "\(leads) \(again)")
                #expect(server.stop() == 0)
                #expect(
                    try ServerDatabase.count(ws, "SELECT COUNT(*) FROM touch WHERE click_id IN ('before', 'later')")
                        == 2)
            }
        }

        /// A wrong password: one line naming the database, never the password, and nothing listens.
        @Test(arguments: StoreKind.postgresOnly)
        func aWrongPasswordIsOneLineWithoutThePassword(store: StoreKind) throws {
            try Workspace.with(store: store, databasePrefix: Self.databasePrefix) { ws in
                try ws.succeed(["init"])
                let database = try #require(ws.postgres)
                let wrong = "not-the-Password-42"
                let result = try ws.run(
                    ["serve", "--listen", "127.0.0.1:0", "--db", database.url(password: wrong)],
                    environment: ["PGPASSWORD": wrong])
                expectRefused(result, mentioning: database.place)
                #expect(!result.stderr.contains(wrong))
                #expect(!result.stderr.contains("listening"))
            }
        }

        @Test func linksRedirectWithoutCountingBotsOrHeadAndNeverToARequestURL() throws {
            try Workspace.with { ws in
                try ws.succeed(["init"])
                try ws.succeed([
                    "link", "add", "promo", "--to", "https://shop.example/?utm_source=old", "--campaign", "promo",
                ])
                try ws.succeed([
                    "link", "add", "shuby", "--to", "https://магазин.рф/каталог?раздел=шубы#форма", "--campaign",
                    "зима",
                ])
                let links = try jsonArray(try ws.succeed(["link", "list", "--format", "json"]).stdout)
                #expect(links.count == 2)
                let server = try ServerProcess(ws, arguments: ["--trust-proxy"])
                defer { server.stop() }

                // A target typed in Cyrillic goes out as ASCII: a Location header is no place for raw UTF-8.
                let cyrillic = try server.request(
                    "GET", "/r/shuby", headers: ["User-Agent": "TelegramBot (like TwitterBot)"])
                #expect(
                    cyrillic.headers["location"]
                        == "https://%D0%BC%D0%B0%D0%B3%D0%B0%D0%B7%D0%B8%D0%BD.%D1%80%D1%84/%D0%BA%D0%B0%D1%82%D0%B0%D0%BB%D0%BE%D0%B3"
                        + "?%D1%80%D0%B0%D0%B7%D0%B4%D0%B5%D0%BB=%D1%88%D1%83%D0%B1%D1%8B&utm_campaign=%D0%B7%D0%B8%D0%BC%D0%B0"
                        + "#%D1%84%D0%BE%D1%80%D0%BC%D0%B0", "\(cyrillic)")
                let unknown = try server.request("GET", "/r/nope?to=https://evil.example/")
                #expect(unknown.status == 404)
                #expect(unknown.headers["location"] == nil)
                let head = try server.request("HEAD", "/r/promo", headers: ["User-Agent": "Mozilla/5.0"])
                #expect(head.status == 302)
                let bot = try server.request(
                    "GET", "/r/promo", headers: ["User-Agent": "TelegramBot (like TwitterBot)"])
                #expect(bot.status == 302)
                #expect(bot.headers["set-cookie"] == nil)
                let secure = try server.request(
                    "GET", "/r/promo", headers: ["User-Agent": "Mozilla/5.0", "X-Forwarded-Proto": "https"])
                #expect(secure.headers["location"] == "https://shop.example/?utm_campaign=promo")
                let cookie = try #require(secure.headers["set-cookie"])
                #expect(cookie.hasSuffix("; Secure"))
                let visitor = String(cookie.dropFirst("lt_visitor=".count).prefix(32))
                let again = try server.request(
                    "GET", "/r/promo", headers: ["User-Agent": "Mozilla/5.0", "Cookie": "lt_visitor=\(visitor)"])
                #expect(again.status == 302)
                #expect(again.headers["set-cookie"] == nil)
                server.stop()

                // Two counted clicks (the HEAD and the bot were not), both by the one visitor.
                let visitors = try ServerDatabase.strings(ws, "SELECT visitor FROM touch")
                #expect(visitors.count == 2, "\(visitors)")
                #expect(Set(visitors) == [visitor])
            }
        }

        /// A leaked token is revoked with `token remove`: the running server refuses it (and a dashboard cookie holding
        /// it) from its next request, on both stores, and the other tokens keep working.
        @Test(arguments: StoreKind.allCases)
        func aRemovedTokenIsRefusedAtOnceWithoutARestart(store: StoreKind) throws {
            try Workspace.with(store: store, databasePrefix: Self.databasePrefix) { ws in
                try ws.succeed(["init"])
                let leaked = try ws.succeed(["token", "add", "leaked", "--scope", "read"]).stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let kept = try ws.succeed(["token", "add", "kept", "--scope", "read"]).stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let server = try ServerProcess(ws)
                defer { server.stop() }
                func status(_ token: String, cookie: Bool = false) throws -> Int {
                    let header = cookie ? ["Cookie": "lt_token=\(token)"] : ["Authorization": "Bearer \(token)"]
                    return try server.request("GET", "/api/reports/roas", headers: header).status
                }
                #expect(try status(leaked) == 200)
                #expect(try status(leaked, cookie: true) == 200)
                let removed = try ws.succeed(["token", "remove", "leaked"])
                #expect(removed.stdout == "Token 'leaked' removed\n")
                #expect(try status(leaked) == 401)
                #expect(try status(leaked, cookie: true) == 401)
                #expect(try status(kept) == 200)
                expectRefused(try ws.run(["token", "remove", "leaked"]), mentioning: "no token named 'leaked'")
                let names = try ws.listing(["token", "list"]).compactMap { $0["name"] as? String }
                #expect(names == ["kept"])
            }
        }

        @Test func reportAPIRefusesWithoutATokenAndAReadTokenOnAWritePath() throws {
            try Workspace.with { ws in
                try ws.succeed(["init"])
                let reader = try ws.succeed(["token", "add", "r", "--scope", "read"]).stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let writer = try ws.succeed(["token", "add", "w", "--scope", "write"]).stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let server = try ServerProcess(ws)
                defer { server.stop() }
                #expect(try server.request("GET", "/api/reports/roas").status == 401)
                #expect(
                    try server.request("GET", "/api/leads", headers: ["Authorization": "Bearer nope"]).status == 401)
                #expect(
                    try server.request("GET", "/api/reports/roas", headers: ["Authorization": "Bearer \(reader)"])
                        .status == 200)
                // The scheme is case-insensitive (RFC 7235).
                for scheme in ["bearer", "BEARER", "bEaReR"] {
                    let answer = try server.request(
                        "GET", "/api/reports/roas", headers: ["Authorization": "\(scheme) \(reader)"])
                    #expect(answer.status == 200, "\(scheme): \(answer)")
                }
                #expect(
                    try server.request("GET", "/api/leads", headers: ["Authorization": "Basic \(reader)"]).status == 401
                )
                let record = #"{"submitted_at": "\#(ServerFlowTests.now())", "email": "ivan@example.com"}"#
                let refused = try server.request(
                    "POST", "/api/leads", headers: ["Authorization": "Bearer \(reader)"], text: record)
                #expect(refused.status == 403)
                let added = try server.request(
                    "POST", "/api/leads", headers: ["Authorization": "Bearer \(writer)"], text: record)
                #expect(added.status == 200, "\(added)")
                let leads = try server.request("GET", "/api/leads", headers: ["Authorization": "Bearer \(reader)"])
                #expect(leads.body == (try ws.succeed(["lead", "list", "--format", "json"]).stdout))
                #expect(
                    try server.request("GET", "/api/reports/nope", headers: ["Authorization": "Bearer \(reader)"])
                        .status == 404)
                let tokens = dumpTokens(ws)
                #expect(!tokens.contains(reader) && !tokens.contains(writer))
            }
        }

        @Test func sigtermStopsTheServerCleanly() throws {
            try Workspace.with { ws in
                try ws.succeed(["init"])
                let server = try ServerProcess(ws)
                #expect(try server.request("GET", "/healthz").body == "ok: 0 deliveries waiting in the inbox\n")
                #expect(server.stop(signal: SIGTERM) == 0)
                #expect(server.log.contains("stopped"))
            }
        }

        func dumpTokens(_ ws: Workspace) -> String {
            (try? DatabaseDump.of(ws.defaultDatabase)) ?? ""
        }
    }
#endif
