import Foundation
import Testing

/// The store an end-to-end test runs the binary against: the same test, the same commands, either store (issue 12).
///
/// A test takes it as its argument (`@Test(arguments: StoreKind.allCases)`) and opens `Workspace.with(store:)`, which
/// for PostgreSQL creates a fresh database and points every run at it through `$LEADTRAIL_DB`.
enum StoreKind: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// SQLite always; PostgreSQL when the binary has it (the `Postgres` trait, which `Team` enables), unless
    /// `LEADTRAIL_SKIP_POSTGRES=1` asks for SQLite only outside CI. Under `CI=true` PostgreSQL is never left out: a
    /// server that cannot be reached fails the test.
    static var allCases: [StoreKind] {
        #if Postgres
            PostgresTestServer.skipRequested ? [.sqlite] : [.sqlite, .postgres]
        #else
            [.sqlite]
        #endif
    }

    /// Only PostgreSQL, for the tests of what only a server has (roles, passwords, hosts); empty where it is left out.
    static var postgresOnly: [StoreKind] { allCases.filter { $0 == .postgres } }

    var testDescription: String { rawValue }
}
