#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailPostgres
import LeadTrailStore
import Testing

/// A campaign renamed in its ad platform, on PostgreSQL: the scenario `SpendRenameStoreTests` runs on SQLite — the
/// renamed days refused, or moved when accepted, never stored twice, and undo in any order exact.
@Suite(.enabled(if: TestServer.enabled))
struct PostgresSpendRenameTests {
    @Test func renamedDaysAreRefusedOrMovedAndUndoRestoresThem() throws {
        try TestServer.withDatabase { location in
            let store = try PostgresStore.create(location).store
            try SpendRenameScenario.run(store) {
                try store.transaction(readOnly: true) { db in
                    try db.rows(SpendRenameScenario.stateSQL).map { try $0.text(at: 0) }.sorted()
                        .joined(separator: "\n")
                }
            }
        }
    }

    /// The bulk path (`putSpends` of more than one row) writes the platform campaign id as one by one does.
    @Test func bulkKeepsThePlatformCampaignID() throws {
        try TestServer.withDatabase { location in
            let store = try PostgresStore.create(location).store
            try SpendRenameScenario.importSpend(
                store, try SpendRenameScenario.file("Brand", days: 1...3, amount: 5), accepting: false, name: "a.tsv")
            let changed = try SpendRenameScenario.file("Brand", days: 1...5, amount: 6)
            try SpendRenameScenario.importSpend(store, changed, accepting: false, name: "b.tsv")
            let ids = try store.transaction(readOnly: true) { db in
                try db.rows("SELECT coalesce(platform_campaign_id, '-') FROM spend ORDER BY day").map { try $0.text(at: 0) }
            }
            #expect(ids == Array(repeating: "501", count: 5))
        }
    }
}
#endif
