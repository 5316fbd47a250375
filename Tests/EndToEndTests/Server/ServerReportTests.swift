#if Server
import Foundation
import Testing

/// The report API and the dashboard's CSV give exactly what the CLI prints for the same options, over a database
/// with spend: the server and the CLI build each report through one function.
@Suite(.serialized) struct ServerReportTests {
    static let period = "from=2026-11-01&to=2026-11-30"
    static let options = ["--from", "2026-11-01", "--to", "2026-11-30"]

    /// `report roas --by channel` shares each campaign's spend over the channels of its touches; the API and the
    /// CSV did not (no spend per channel, no `spend_shared_by`).
    @Test(arguments: StoreKind.allCases)
    func roasByChannelIsTheCLIsWithItsSharedSpend(store: StoreKind) throws {
        try Workspace.with(store: store, databasePrefix: ServerFlowTests.databasePrefix) { ws in
            let db = try ws.demoDatabase()
            let token = try DashboardTests.token(ws, "owner", db: db)
            let server = try ServerProcess(ws, arguments: ["--db", db])
            defer { server.stop() }
            let auth = ["Authorization": "Bearer \(token)"]
            for by in ["channel", "campaign"] {
                let cli = try ws.succeed(["report", "roas", "--by", by, "--format", "json", "--db", db] + Self.options)
                let api = try server.request("GET", "/api/reports/roas?\(Self.period)&by=\(by)", headers: auth)
                #expect(api.status == 200, "\(by): \(api)")
                #expect(api.body == cli.stdout, "\(by): the API's ROAS differs from the CLI's")
                let csv = try server.request("GET", "/reports/roas.csv?\(Self.period)&by=\(by)", headers: auth)
                let cliCSV = try ws.succeed(["report", "roas", "--by", by, "--format", "csv", "--db", db] + Self.options)
                #expect(csv.status == 200, "\(by): \(csv)")
                #expect(csv.body == cliCSV.stdout, "\(by): the dashboard's ROAS CSV differs from the CLI's")
            }
            let byChannel = try server.request("GET", "/api/reports/roas?\(Self.period)&by=channel", headers: auth)
            #expect(byChannel.body.contains(#""spend_shared_by""#), "\(byChannel.body.prefix(400))")
        }
    }

    /// `config set csv-dialect excel-ru` made the CLI's CSV Excel's (BOM, `;`, CRLF, decimal comma) but not the
    /// dashboard's; `?csv-dialect=` chooses one for a download.
    @Test func theDashboardCSVIsInTheConfiguredDialect() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            try ws.succeed(["config", "set", "csv-dialect", "excel-ru", "--db", db])
            let token = try DashboardTests.token(ws, "owner", db: db)
            let server = try ServerProcess(ws, arguments: ["--db", db])
            defer { server.stop() }
            let auth = ["Authorization": "Bearer \(token)"]
            let excel = try server.request("GET", "/reports/roas.csv?\(Self.period)", headers: auth)
            let cli = try ws.succeed(["report", "roas", "--format", "csv", "--db", db] + Self.options).stdout
            #expect(excel.status == 200, "\(excel)")
            #expect(excel.body.hasPrefix("\u{FEFF}") && excel.body.contains(";") && excel.body.contains("\r\n"))
            #expect(excel.body == cli, "the dashboard's CSV is not the CLI's excel-ru CSV")
            for (given, option) in [("standard", "rfc4180"), ("rfc4180", "rfc4180"), ("excel-ru", "excel-ru")] {
                let chosen = try server.request("GET", "/reports/roas.csv?\(Self.period)&csv-dialect=\(given)", headers: auth)
                let expected = try ws.succeed(
                    ["report", "roas", "--format", "csv", "--csv-dialect", option, "--db", db] + Self.options).stdout
                #expect(chosen.body == expected, "\(given)")
            }
            let refused = try server.request("GET", "/reports/roas.csv?csv-dialect=excel", headers: auth)
            #expect(refused.status == 400 && refused.body.contains("csv-dialect"), "\(refused)")
        }
    }

    /// `?stgae=won` listed every lead and `?model=linear&model=first_touch` used the first model: a parameter the
    /// endpoint does not take, or one given twice, is a one-line 400 naming it, as the CLI refuses `--modle`.
    @Test func anUnknownOrRepeatedParameterIs400NamingIt() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let token = try DashboardTests.token(ws, "owner")
            let server = try ServerProcess(ws)
            defer { server.stop() }
            let auth = ["Authorization": "Bearer \(token)"]
            let refusals = [
                ("/api/leads?stgae=won", "stgae"),
                ("/api/leads?limit=5&limit=6", "limit"),
                ("/api/reports/roas?model=linear&model=first_touch", "model"),
                ("/api/reports/attribution?modle=linear", "modle"),
                ("/api/reports/roas?conversion=lead", "conversion"),
                ("/api/reports/funnel?currency=RUB", "currency"),
                ("/reports/roas.csv?from=2026-11-01&from=2026-11-02", "from"),
                ("/reports/models.csv?csv_dialect=excel-ru", "csv_dialect"),
            ]
            for (path, name) in refusals {
                let answer = try server.request("GET", path, headers: auth)
                #expect(answer.status == 400, "\(path): \(answer)")
                #expect(answer.body.contains("'\(name)'") && answer.body.split(separator: "\n").count == 1, "\(path): \(answer.body)")
            }
            for path in ["/api/leads?stage=won&stage=lost", "/api/reports/attribution?conversion=lead",
                         "/reports/funnel.csv?model=linear&by=channel"] {
                #expect(try server.request("GET", path, headers: auth).status == 200, "\(path)")
            }
        }
    }
}
#endif
