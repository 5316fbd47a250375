#if Server
import Foundation
import Testing

/// Issue 13: `GET /api/leads` takes `lead list`'s filters and gives exactly its JSON, 50 newest unless told otherwise
/// (the server and the CLI are shells over one rule, `LeadListRequest`); a bad filter is a one-line 400.
@Suite(.serialized) struct LeadsAPITests {
    @Test func theAPIListsWhatLeadListListsForTheSameFilters() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            let token = try DashboardTests.token(ws, "rep", db: db)
            let server = try ServerProcess(ws, arguments: ["--db", db])
            defer { server.stop() }
            let auth = ["Authorization": "Bearer \(token)"]
            let cases: [(query: String, options: [String])] = [
                ("", []),
                ("limit=5", ["--limit", "5"]),
                ("all=true", ["--all"]),
                ("search=8%20(916)", ["--search", "8 (916)"]),
                ("search=%D0%B0%D0%BD%D0%BD%D0%B0", ["--search", "анна"]),
                ("stage=won&stage=lost", ["--stage", "won", "--stage", "lost"]),
                ("owner=%D0%B4%D0%BC%D0%B8%D1%82%D1%80%D0%B8%D0%B9", ["--owner", "дмитрий"]),
                ("from=2026-11-01&to=2026-11-15", ["--from", "2026-11-01", "--to", "2026-11-15"]),
                ("campaign=black_friday", ["--campaign", "black_friday"]),
                ("channel=paid_search&limit=3", ["--channel", "paid_search", "--limit", "3"]),
            ]
            for (query, options) in cases {
                let answer = try server.request("GET", "/api/leads" + (query.isEmpty ? "" : "?\(query)"), headers: auth)
                #expect(answer.status == 200, "\(query): \(answer)")
                let cli = try ws.succeed(["lead", "list", "--format", "json", "--db", db] + options)
                #expect(answer.body == cli.stdout, "\(query): the API and lead list differ")
                let more = cli.stderr.contains("showing the newest")
                #expect((answer.headers["x-more-leads"] == "true") == more, "\(query): \(answer.headers)")
            }
            // The demo has 82 leads: the default shows 50 and says more match.
            let first = try server.request("GET", "/api/leads", headers: auth)
            #expect(try jsonArray(first.body).count == 50)
            #expect(first.headers["x-more-leads"] == "true")
            #expect(try jsonArray(server.request("GET", "/api/leads?all=true", headers: auth).body).count == 82)

            for bad in ["limit=0", "limit=many", "limit=5&all=true", "stage=nope", "channel=tv", "from=2026-13-01",
                        "from=2026-11-10&to=2026-11-01", "search=%20%20", "all=maybe"] {
                let refused = try server.request("GET", "/api/leads?\(bad)", headers: auth)
                #expect(refused.status == 400, "\(bad): \(refused)")
                #expect(refused.body.split(separator: "\n").count == 1, "\(bad): \(refused.body)")
            }
        }
    }
}
#endif
