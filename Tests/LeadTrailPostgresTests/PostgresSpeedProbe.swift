#if Postgres
import Foundation
@testable import LeadTrailPostgres
import LeadTrailStore
import Testing

/// How long one statement's round trip takes through the blocking bridge (printed; a sanity bound only).
@Suite(.enabled(if: TestServer.enabled))
struct PostgresSpeedProbe {
    @Test func roundTripsAreFast() throws {
        let session = try PostgresSession.connect(try TestServer.admin())
        let started = Date()
        for _ in 0..<1000 { _ = try session.run("SELECT 1", []) }
        let perQuery = Date().timeIntervalSince(started) / 1000
        print("round trip: \(Int(perQuery * 1_000_000)) µs")
        #expect(perQuery < 0.01)
    }
}
#endif
#if Postgres
/// `?` placeholders become `$n` outside quotes and comments; `?NNN` keeps its number.
struct PlaceholderTests {
    @Test func numbering() {
        #expect(PostgresSession.numberingPlaceholders("SELECT ? , '?' -- ?\n, ?") == "SELECT $1 , '?' -- ?\n, $2")
        #expect(PostgresSession.numberingPlaceholders("a = ?1 AND b = ?2 OR c = ?1") == "a = $1 AND b = $2 OR c = $1")
        #expect(PostgresSession.numberingPlaceholders("имя = ? AND x = 'ё?'") == "имя = $1 AND x = 'ё?'")
    }
}
#endif
