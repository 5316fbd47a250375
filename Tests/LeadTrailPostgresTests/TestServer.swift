#if Postgres
import Foundation
@testable import LeadTrailPostgres
import LeadTrailStore

/// The PostgreSQL server the tests use: `$LEADTRAIL_TEST_POSTGRES_URL`, else the development server's URL.
///
/// Each test creates its own database `team_store_<8 hex>` and drops it afterwards, so tests run in parallel and leave
/// nothing behind. Under `CI=true` a server that cannot be reached fails every test; elsewhere the tests are off.
enum TestServer {
    static let environment = ProcessInfo.processInfo.environment
    static let url =
        environment["LEADTRAIL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
        ?? "postgres://leadtrail:leadtrail-dev@127.0.0.1:5432/leadtrail"

    /// Whether the tests run: always under CI (where an unreachable server is a failure), else when it answers.
    static let enabled: Bool = {
        if environment["CI"] == "true" { return true }
        do {
            _ = try PostgresSession.connect(try PostgresLocation(url: url, environment: environment))
            return true
        } catch {
            return false
        }
    }()

    /// The server's own location (its maintenance database).
    static func admin() throws -> PostgresLocation {
        try PostgresLocation(url: url, environment: environment)
    }

    /// A new empty database for one test, dropped when `body` returns or throws.
    static func withDatabase<T>(_ body: (PostgresLocation) throws -> T) throws -> T {
        let admin = try admin()
        let name = "team_store_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8).lowercased()
        let session = try PostgresSession.connect(admin)
        _ = try session.run("CREATE DATABASE \(name)", [])
        defer { _ = try? session.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", []) }
        var location = admin
        location.database = name
        return try body(location)
    }

    /// Runs one statement as the admin connection (outside any store).
    static func execute(_ sql: String, on location: PostgresLocation) throws {
        _ = try PostgresSession.connect(location).run(sql, [])
    }
}
#endif
