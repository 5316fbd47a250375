#if Postgres
import Foundation
@testable import LeadTrailPostgres
import LeadTrailStore
import Testing

/// Each way a connection goes wrong is one line naming host:port/database, never the password or SQLSTATE text.
@Suite(.enabled(if: TestServer.enabled))
struct PostgresErrorTests {
    func expectOneLine(_ error: any Error, contains part: String, database: String, password: String?) {
        let text = "\(error)"
        #expect(error is StoreError, "\(text)")
        #expect(text.contains(part), "\(text)")
        #expect(text.contains(database), "\(text)")
        #expect(!text.contains("\n"))
        #expect(!text.contains("PSQLError") && !text.contains("sqlState") && !text.contains("SQLSTATE"), "\(text)")
        if let password { #expect(!text.contains(password), "\(text)") }
    }

    @Test func wrongPassword() throws {
        try TestServer.withDatabase { location in
            var wrong = location
            wrong.password = "not-the-password-42"
            let error = try #require(throws: (any Error).self) { try PostgresStore.open(wrong) }
            expectOneLine(error, contains: "cannot log in", database: location.description, password: wrong.password)
        }
    }

    @Test func connectionRefusedFailsFast() throws {
        var location = try TestServer.admin()
        location.port = 1  // nothing listens there
        let started = Date()
        let error = try #require(throws: (any Error).self) { try PostgresStore.open(location) }
        #expect(Date().timeIntervalSince(started) < 5)
        expectOneLine(error, contains: "connection refused", database: "127.0.0.1:1/", password: location.password)
    }

    @Test func unknownHost() throws {
        var location = try TestServer.admin()
        location.host = "no-such-host.invalid"
        let started = Date()
        let error = try #require(throws: (any Error).self) { try PostgresStore.open(location) }
        #expect(Date().timeIntervalSince(started) < 8)
        expectOneLine(error, contains: "cannot reach", database: "no-such-host.invalid:", password: location.password)
    }

    @Test func databaseMissing() throws {
        var location = try TestServer.admin()
        location.database = "team_store_missing_\(UUID().uuidString.prefix(6).lowercased())"
        let error = try #require(throws: (any Error).self) { try PostgresStore.open(location) }
        expectOneLine(error, contains: "no database '\(location.database)'", database: location.database, password: location.password)
    }

    @Test func databaseWithoutSchema() throws {
        try TestServer.withDatabase { location in
            let error = try #require(throws: (any Error).self) { try PostgresStore.open(location) }
            expectOneLine(error, contains: "has no LeadTrail schema: run 'leadtrail init --db postgres://", database: location.description, password: location.password)
            let migrateError = try #require(throws: (any Error).self) { try PostgresStore.migrate(location) }
            expectOneLine(migrateError, contains: "leadtrail init", database: location.description, password: location.password)
        }
    }

    @Test func schemaNewerThanTheBinary() throws {
        try TestServer.withDatabase { location in
            _ = try PostgresStore.create(location)
            try TestServer.execute(
                "INSERT INTO schema_migration (version, name, applied_at) VALUES (99, 'future', 0)", on: location)
            let error = try #require(throws: (any Error).self) { try PostgresStore.open(location) }
            expectOneLine(error, contains: "newer than this leadtrail knows", database: location.description, password: location.password)
            let initError = try #require(throws: (any Error).self) { try PostgresStore.create(location) }
            expectOneLine(initError, contains: "upgrade leadtrail", database: location.description, password: location.password)
        }
    }

    /// sslmode=require connects over TLS where the server offers it, and is refused in words where it does not.
    @Test func sslModeRequire() throws {
        var location = try TestServer.admin()
        let offersTLS = try PostgresSession.connect(location).run("SHOW ssl", []).rows.first?.text(at: 0) == "on"
        location.sslMode = .require
        if offersTLS {
            let session = try PostgresSession.connect(location)
            let encrypted = try session.run("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()", [])
            #expect(try encrypted.rows.first?.text(at: 0) == "true")
        } else {
            let error = try #require(throws: (any Error).self) { try PostgresStore.open(location) }
            expectOneLine(error, contains: "TLS", database: location.description, password: location.password)
        }
    }
}
#endif
