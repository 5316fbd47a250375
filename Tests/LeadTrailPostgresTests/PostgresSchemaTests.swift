#if Postgres
import Foundation
@testable import LeadTrailPostgres
import LeadTrailCore
import LeadTrailStore
import Synchronization
import Testing

/// `init` and `migrate` on PostgreSQL: one transaction under an advisory lock, the same versions as SQLite.
@Suite(.enabled(if: TestServer.enabled))
struct PostgresSchemaTests {
    @Test func createAppliesEveryMigrationOnce() throws {
        try TestServer.withDatabase { location in
            let (store, created) = try PostgresStore.create(location)
            #expect(created)
            #expect(try store.schemaVersion() == SchemaMigrations.postgres.count)
            let again = try PostgresStore.create(location)
            #expect(!again.created)
            let versions = try store.transaction(readOnly: true) { db in
                try db.rows("SELECT version FROM schema_migration ORDER BY version").map { try $0.int(at: 0) }
            }
            #expect(versions == SchemaMigrations.postgres.map { Int64($0.version) })
            #expect(try PostgresStore.migrate(location) == (SchemaMigrations.postgres.count, SchemaMigrations.postgres.count))
            // The settings table works through the store.
            try store.set(.currency, to: "usd")
            #expect(try PostgresStore.open(location).settings().currency.code == "USD")
        }
    }

    /// Two processes' `migrate` at once on an empty database: one applies, the other waits and finds it done.
    @Test func twoMigrationsAtOnceNeverCollide() throws {
        try TestServer.withDatabase { location in
            let results = Mutex<[Result<Bool, any Error>]>([])
            let group = DispatchGroup()
            for _ in 0..<4 {
                DispatchQueue.global().async(group: group) {
                    let result = Result { try PostgresStore.create(location).created }
                    results.withLock { $0.append(result) }
                }
            }
            group.wait()
            let outcomes = try results.withLock { try $0.map { try $0.get() } }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try PostgresStore.open(location).schemaVersion() == SchemaMigrations.postgres.count)
        }
    }

    /// The migration holds the advisory lock: while another session holds it, `init` waits for it.
    @Test func migrationWaitsForTheAdvisoryLock() throws {
        try TestServer.withDatabase { location in
            let holder = try PostgresSession.connect(location)
            _ = try holder.run("BEGIN", [])
            _ = try holder.run("SELECT pg_advisory_xact_lock(\(PostgresStore.migrationLock))", [])
            let started = Date()
            DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) { _ = try? holder.run("COMMIT", []) }
            let (_, created) = try PostgresStore.create(location)
            #expect(created)
            #expect(Date().timeIntervalSince(started) >= 1.4)
        }
    }
}
#endif
