import LeadTrailStore
import Testing

/// SQLite's and PostgreSQL's migrations are one schema history: the same versions, the same names, in order.
struct DialectSchemaTests {
    @Test func bothDialectsHaveTheSameVersions() {
        let sqlite = SchemaMigrations.sqlite.map { "\($0.version) \($0.name)" }
        let postgres = SchemaMigrations.postgres.map { "\($0.version) \($0.name)" }
        #expect(!postgres.isEmpty)
        #expect(sqlite == postgres)
        #expect(SchemaMigrations.postgres.map(\.version) == Array(1...SchemaMigrations.postgres.count))
    }

    @Test func postgresMigrationsUseNoSQLiteOnlySyntax() {
        for migration in SchemaMigrations.postgres {
            #expect(!migration.sql.contains("STRICT"), "\(migration.version) \(migration.name)")
            #expect(!migration.sql.contains("WITHOUT ROWID"), "\(migration.version) \(migration.name)")
            #expect(!migration.sql.contains("INSERT OR"), "\(migration.version) \(migration.name)")
        }
    }
}
