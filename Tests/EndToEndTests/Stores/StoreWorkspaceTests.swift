import Foundation
import Testing

/// The two-store harness itself: a PostgreSQL workspace is a database of its own, every run uses it, and it is gone
/// afterwards; a SQLite workspace never touches the server.
@Suite("The two-store workspace")
struct StoreWorkspaceTests {
    @Test(arguments: StoreKind.allCases)
    func everyRunUsesTheWorkspacesOwnDatabase(store: StoreKind) throws {
        var kept: PostgresTestDatabase?
        try Workspace.with(store: store) { ws in
            kept = ws.postgres
            try ws.succeed(["init"])
            try ws.succeed(["lead", "add", "--name", "Анна Петрова", "--phone", "8 (916) 123-45-67"])
            #expect(try ws.integer("SELECT COUNT(*) FROM lead") == 1)
            switch store {
            case .sqlite:
                #expect(ws.postgres == nil)
                #expect(ws.exists("leadtrail.sqlite"))
            case .postgres:
                let database = try #require(ws.postgres)
                #expect(database.name.hasPrefix("team_store_") && database.name.count == "team_store_".count + 8)
                #expect(!ws.exists("leadtrail.sqlite"), "a PostgreSQL workspace wrote the SQLite file")
                #expect(ws.processEnvironment()["LEADTRAIL_DB"] == database.url)
                // An explicit environment still wins, as a test of $LEADTRAIL_DB needs.
                #expect(ws.processEnvironment(["LEADTRAIL_DB": "x.sqlite"])["LEADTRAIL_DB"] == "x.sqlite")
            }
        }
        if let kept {
            let left = try PostgresTestServer.psql(
                try PostgresTestServer.parts(of: PostgresTestServer.baseURL).components,
                password: try PostgresTestServer.parts(of: PostgresTestServer.baseURL).password,
                sql: "SELECT COUNT(*) FROM pg_database WHERE datname = '\(kept.name)'")
            #expect(left == "0", "the workspace's database \(kept.name) was not dropped")
        }
    }
}
