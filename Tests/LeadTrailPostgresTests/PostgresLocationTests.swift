#if Postgres
import Foundation
import LeadTrailPostgres
import LeadTrailStore
import Testing

/// `postgres://` URLs read as libpq reads them; the password never shows.
struct PostgresLocationTests {
    let home: URL

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("pgcore-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    func location(_ url: String, _ environment: [String: String] = [:]) throws -> PostgresLocation {
        try PostgresLocation(url: url, environment: ["HOME": home.path, "USER": "olga"].merging(environment) { $1 })
    }

    func writePgpass(_ text: String, mode: Int) throws {
        let file = home.appendingPathComponent(".pgpass")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
    }

    @Test func fullURL() throws {
        let location = try location("postgres://sales:s3cret@db.example.ru:6543/leads?sslmode=require")
        #expect(location.user == "sales")
        #expect(location.password == "s3cret")
        #expect(location.host == "db.example.ru")
        #expect(location.port == 6543)
        #expect(location.database == "leads")
        #expect(location.sslMode == .require)
        #expect(location.description == "db.example.ru:6543/leads")
        #expect(!location.urlWithoutPassword.contains("s3cret"))
        #expect(location.urlWithoutPassword == "postgres://sales@db.example.ru:6543/leads?sslmode=require")
    }

    @Test func defaults() throws {
        let location = try location("postgresql://db.local")
        #expect(location.user == "olga")
        #expect(location.port == 5432)
        #expect(location.database == "olga")
        #expect(location.sslMode == .prefer)
        #expect(location.password == nil)
        #expect(try self.location("postgres://db.local", ["PGUSER": "team"]).user == "team")
    }

    @Test func percentEscapesAndIPv6() throws {
        let location = try location("postgres://%D0%BE%D0%BB%D1%8F:p%40ss%3Aw@[::1]:5433/%D0%BF%D1%80%D0%BE%D0%B4")
        #expect(location.user == "оля")
        #expect(location.password == "p@ss:w")
        #expect(location.host == "::1")
        #expect(location.port == 5433)
        #expect(location.database == "прод")
        #expect(location.description == "[::1]:5433/прод")
    }

    @Test(arguments: ["disable", "prefer", "require", "verify-ca", "verify-full"])
    func sslModes(mode: String) throws {
        #expect(try location("postgres://h/db?sslmode=\(mode)").sslMode.rawValue == mode)
    }

    @Test func badURLsAreRefusedWithoutThePassword() {
        for url in [
            "postgres://u:hunter2@h:99999/db", "postgres://u:hunter2@h/db?sslmode=always",
            "postgres://u:hunter2@h/db?colour=blue", "postgres://u:hunter2@[::1/db", "postgres://u:hunter2@h:abc/db",
        ] {
            #expect {
                try location(url)
            } throws: { error in
                let text = "\(error)"
                return text.hasPrefix("invalid database URL") && !text.contains("hunter2") && !text.contains("\n")
            }
        }
    }

    /// A password typed with '/', '#', '?' or '@' un-encoded: refused asking for %-encoding, no part of it printed
    /// (it was printed as a port, and a piece of it looked up as a host), before any connection.
    @Test(arguments: [
        "postgres://marketing:Zx9kLm/42@127.0.0.1:5432/leads", "postgres://marketing:Zx9#kLm42@127.0.0.1:5432/leads",
        "postgres://marketing:Zx9?kLm42@127.0.0.1:5432/leads", "postgres://marketing:Zx9@kLm/42@127.0.0.1:5432/leads",
        "postgresql://marketing:Zx9kLm42/db",
    ])
    func aPasswordWithUnencodedSeparatorsIsRefusedUnprinted(url: String) {
        #expect {
            try location(url)
        } throws: { error in
            let text = DatabaseLocation.redacting("\(error)")
            return text.hasPrefix("invalid database URL") && !text.contains("Zx9") && !text.contains("kLm")
                && !text.contains("\n")
        }
        #expect(!DatabaseLocation.redacting("Error: \(url) failed").contains("kLm"))
    }

    @Test func aURLWithoutItsDoubleSlashIsShownWithoutItsPassword() {
        #expect {
            try location("postgresql:/marketing:Zx9kLm42@127.0.0.1:5432/leads")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("invalid database URL postgresql:/marketing:***@127.0.0.1:5432/leads")
                && !text.contains("Zx9")
        }
    }

    @Test func aQueryValueWithAnAtSignIsStillRead() throws {
        let location = try location("postgres://u:pw@h/db?application_name=a@b")
        #expect(location.host == "h" && location.password == "pw")
    }

    @Test func passwordFromEnvironmentWhenTheURLHasNone() throws {
        #expect(try location("postgres://u@h/db", ["PGPASSWORD": "fromenv"]).password == "fromenv")
        #expect(try location("postgres://u:inurl@h/db", ["PGPASSWORD": "fromenv"]).password == "inurl")
    }

    @Test func pgpassFirstMatchingLineWithWildcardsAndEscapes() throws {
        try writePgpass(
            """
            # team servers
            other:5432:*:u:wrong
            db\\:x:5432:sales:u:esc\\:aped
            db.local:*:sales:u:first
            *:*:*:u:fallback
            """, mode: 0o600)
        #expect(try location("postgres://u@db.local/sales").password == "first")
        #expect(try location("postgres://u@db.local:7000/sales").password == "first")
        #expect(try location("postgres://u@db%3Ax/sales").password == "esc:aped")
        #expect(try location("postgres://u@elsewhere/any").password == "fallback")
        #expect(try location("postgres://v@elsewhere/any").password == nil)
        #expect(try location("postgres://u@db.local/sales", ["PGPASSWORD": "env"]).password == "env")
    }

    @Test func pgpassIgnoredUnlessPrivate() throws {
        try writePgpass("*:*:*:*:loose\n", mode: 0o644)
        #expect(try location("postgres://u@h/db").password == nil)
        try writePgpass("*:*:*:*:tight\n", mode: 0o600)
        #expect(try location("postgres://u@h/db").password == "tight")
    }

    @Test func pgpassfileEnvironmentVariable() throws {
        let file = home.appendingPathComponent("team.pgpass")
        try "h:5432:db:u:team\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        #expect(try location("postgres://u@h/db", ["PGPASSFILE": file.path]).password == "team")
    }
}
#endif
