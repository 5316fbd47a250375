import Foundation
import GRDB
import LeadTrailCore
import LeadTrailStore
import Testing

/// A campaign renamed in its ad platform (docs/presets.md, "A renamed campaign"), on SQLite: the days stored for its
/// platform id under the old name are refused, or moved to the new name when accepted, never stored twice; undo in
/// any order brings back exactly what the standing batches make. PostgreSQL runs the same scenario
/// (`PostgresSpendRenameTests`).
struct SpendRenameStoreTests {
    @Test func renamedDaysAreRefusedOrMovedAndUndoRestoresThem() throws {
        try TemporaryStore.with { store, file in
            let store = try #require(store as? SQLiteStore)
            try SpendRenameScenario.run(store) {
                let queue = try DatabaseQueue(path: file.path)
                defer { try? queue.close() }
                return try queue.read { db in
                    try String.fetchAll(db, sql: SpendRenameScenario.stateSQL).sorted().joined(separator: "\n")
                }
            }
        }
    }
}
