import Foundation
import Testing

/// Issue 12, acceptance 4: what a tired person gets wrong about a PostgreSQL database — the password, the host, a
/// database nobody ran `init` on, a schema from a newer leadtrail — each refused in one line that names the host and
/// the database, never the password, with a non-zero exit, and the database left as it was.
@Suite("PostgreSQL refusals")
struct PostgresBadInputTests {
    /// A password the tests give on purpose: it must never come back on stdout or stderr.
    static let wrongPassword = "Wr0ng-pass-42x"

    /// The commands a user would try first; each must refuse alike.
    static let commands: [[String]] = [
        ["lead", "list"], ["lead", "add", "--phone", "8 (916) 123-45-67"],
        ["report", "roas", "--from", "2026-10-01", "--to", "2026-10-31"], ["migrate"],
    ]

    @Test(.hangGuard, arguments: StoreKind.postgresOnly)
    func aWrongPasswordIsOneLineWithoutThePassword(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            let database = try #require(ws.postgres)
            try ws.succeed(["init"])
            let before = try Self.state(of: database)
            let url = database.url(password: Self.wrongPassword)
            for arguments in Self.commands + [["init"]] {
                let result = try ws.run(["--db", url] + arguments)
                expectRefused(result, mentioning: database.host, database.name)
                expectNoSecret(result, database)
                #expect(result.stderr.lowercased().contains("password"), "say what is wrong:\n\(result)")
            }
            // The same through the environment, as a team's shell profile would set it.
            let fromEnvironment = try ws.run(["lead", "list"], environment: ["LEADTRAIL_DB": url])
            expectRefused(fromEnvironment, mentioning: database.host, database.name)
            expectNoSecret(fromEnvironment, database)
            // Even with every diagnostic on, the password stays out of the output.
            let verbose = try ws.run(["lead", "list", "--db", url], environment: ["LEADTRAIL_LOG": "trace"])
            #expect(verbose.status != 0)
            expectNoSecret(verbose, database)
            #expect(try Self.state(of: database) == before, "a refused command changed the database")
        }
    }

    /// A password file others may read is ignored (libpq's rule): the refusal says so and how to fix it, instead of
    /// only "wrong password"; once private it is read.
    @Test(.hangGuard, arguments: StoreKind.postgresOnly)
    func aPasswordFileOthersMayReadIsNamedWhenItIsIgnored(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            let database = try #require(ws.postgres)
            try ws.succeed(["init"])
            let password = try #require(database.password)
            let file = ws.path(try ws.write("team.pgpass", text: "*:*:*:*:\(password)\n")).path
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
            let environment = ["PGPASSWORD": "", "PGPASSFILE": file]
            let loose = try ws.run(["lead", "list", "--db", database.url()], environment: environment)
            expectRefused(loose, mentioning: "team.pgpass", "chmod 600")
            expectNoSecret(loose, database)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            let tight = try ws.run(["lead", "list", "--db", database.url()], environment: environment)
            #expect(tight.status == 0, "\(tight)")
        }
    }

    @Test(.hangGuard, arguments: StoreKind.postgresOnly)
    func anUnreachableHostIsOneLineAndQuick(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            let database = try #require(ws.postgres)
            // Port 1 on loopback: nothing listens there, so the connection is refused at once.
            let url = database.url(password: Self.wrongPassword, host: "127.0.0.1", port: 1)
            for arguments in Self.commands + [["init"]] {
                let started = Date()
                let result = try ws.run(["--db", url] + arguments)
                let seconds = Date().timeIntervalSince(started)
                expectRefused(result, mentioning: "127.0.0.1", database.name)
                expectNoSecret(result, database)
                #expect(seconds < 15, "\(arguments.joined(separator: " ")) took \(Int(seconds)) s to give up")
            }
        }
    }

    @Test(.hangGuard, arguments: StoreKind.postgresOnly)
    func aDatabaseWithoutTheSchemaSaysToRunInit(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            let database = try #require(ws.postgres)
            // The workspace's database is fresh: nobody ran `init` on it.
            for arguments in [["lead", "list"], ["report", "roas", "--from", "2026-10-01", "--to", "2026-10-31"]] {
                let result = try ws.run(arguments)
                expectRefused(result, mentioning: database.host, database.name, "init")
                expectNoSecret(result, database)
            }
            #expect(
                try ws.integer("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'") == 0,
                "a refused command created tables")
            // `init` is the way out, and then the same command works.
            try ws.succeed(["init"])
            #expect(try ws.succeed(["lead", "list", "--format", "json"]).stdout.contains("["))
        }
    }

    @Test(.hangGuard, arguments: StoreKind.postgresOnly)
    func aSchemaNewerThanTheBinaryIsRefusedWithoutChange(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            let database = try #require(ws.postgres)
            try ws.initWithOneLead()
            // A newer leadtrail migrated this database: one more migration than this binary knows.
            try database.execute(
                """
                INSERT INTO schema_migration (version, name, applied_at)
                SELECT 999, 'from_the_future', applied_at FROM schema_migration ORDER BY version DESC LIMIT 1
                """)
            let before = try Self.state(of: database)
            for arguments in Self.commands + [["init"]] {
                let result = try ws.run(arguments)
                expectRefused(result, mentioning: database.host, database.name, "999", "upgrade leadtrail")
                expectNoSecret(result, database)
            }
            #expect(try Self.state(of: database) == before, "a refused command changed the database")
        }
    }

    /// PostgreSQL keeps every visitor's touches in `visitor_path` and `visitor_touches`, rewritten from the touch
    /// table as every write commits; only a hand edit can leave a row leadtrail cannot read. A report that meets one
    /// stops in one line naming the table and the database, and changes nothing.
    @Test(.hangGuard, arguments: StoreKind.postgresOnly)
    func aKeptRowChangedByHandIsOneLineNamingItsTable(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            let database = try #require(ws.postgres)
            try ws.succeed(["init"])
            let clicks = try ws.write(
                "clicks.ndjson",
                lines: [
                    #"{"at":"2026-10-01T10:00:00Z","visitor":"v1","url":"https://school.example/?utm_source=vk&utm_medium=cpc&utm_campaign=autumn","id":"c1"}"#,
                    #"{"at":"2026-10-05T10:00:00Z","visitor":"v2","url":"https://school.example/","id":"c2"}"#,
                ])
            let forms = try ws.write(
                "forms.ndjson",
                lines: [
                    #"{"submitted_at":"2026-10-02T10:00:00Z","name":"Анна","phone":"8 (916) 123-45-67","visitor":"v1","id":"f1"}"#
                ])
            try ws.succeed(["import", "clicks", clicks, "--format", "json"])
            try ws.succeed(["import", "forms", forms, "--format", "json"])
            let report = [
                "report", "attribution", "--model", "markov", "--conversion", "lead", "--from", "2026-10-01",
                "--to", "2026-10-31",
            ]
            let good = try ws.succeed(report)
            for (table, column, visitor) in [("visitor_path", "path", "v2"), ("visitor_touches", "touches", "v1")] {
                let saved = try database.execute("SELECT \(column) FROM \(table) WHERE visitor = '\(visitor)'")
                #expect(!saved.isEmpty, "no kept row of \(visitor) in \(table)")
                _ = try database.execute("UPDATE \(table) SET \(column) = 'direct:x:' WHERE visitor = '\(visitor)'")
                try ws.refuse(report, mentioning: table, database.name)
                _ = try database.execute("UPDATE \(table) SET \(column) = '\(saved)' WHERE visitor = '\(visitor)'")
            }
            #expect(try ws.succeed(report).stdout == good.stdout)
        }
    }

    /// A URL with a slash missing (`postgres:/…`) or a mistyped scheme case is a PostgreSQL URL gone wrong, not a
    /// SQLite file to create: refused in one line that shows the expected form, and no file appears.
    @Test(arguments: ["postgres:/leadtrail", "postgresql:leadtrail@localhost/db", "Postgres:/x"])
    func aMalformedPostgresURLIsRefusedNotMadeIntoAFile(url: String) throws {
        try Workspace.with { ws in
            for arguments in [["init"], ["lead", "list"]] {
                let result = try ws.run(["--db", url] + arguments)
                expectRefused(result, mentioning: "postgres://")
                #expect(result.stderr.contains(url), "name what was given:\n\(result)")
            }
            let fromEnvironment = try ws.run(["init"], environment: ["LEADTRAIL_DB": url])
            expectRefused(fromEnvironment, mentioning: "postgres://")
            let left = try FileManager.default.contentsOfDirectory(atPath: ws.folder.path)
            #expect(!left.contains { $0.lowercased().hasPrefix("postgres") }, "a file was made: \(left)")
        }
    }

    /// What the tests compare before and after a refusal: the tables, the schema versions and the leads.
    private static func state(of database: PostgresTestDatabase) throws -> String {
        try database.execute(
            """
            SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables
            WHERE table_schema = 'public'
            """)
            + "\n"
            + (try database.execute("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migration"))
            + "\n" + (try database.execute("SELECT COUNT(*) FROM lead"))
    }

    private func expectNoSecret(
        _ result: RunResult, _ database: PostgresTestDatabase, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var secrets = [Self.wrongPassword]
        if let secret = database.secret, !secret.isEmpty { secrets.append(secret) }
        for secret in secrets {
            #expect(
                !result.stdout.contains(secret) && !result.stderr.contains(secret),
                "a password was printed by leadtrail \(result.arguments.joined(separator: " "))",
                sourceLocation: sourceLocation)
        }
    }
}
