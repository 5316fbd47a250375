#if Postgres
import LeadTrailCore
import LeadTrailStore

extension PostgresStore {
    /// Adds the `import_batch` row of an import that starts: returns its number and the highest touch id before it
    /// (for ``closeBatch(_:id:counts:touchesAfter:)``).
    ///
    /// Two round trips however small the batch (a webhook's is one record): the numbering lock, then one statement
    /// that numbers and inserts the row and reads the touch id.
    static func openBatch(_ db: SQLConnection, _ batch: ImportBatch) throws -> (id: Int64, lastTouch: Int64) {
        try lockNumbering(db, table: "import_batch")
        let row = try db.fetchOne(
            sql: """
                WITH added AS (
                    INSERT INTO import_batch (id, kind, file_name, file_hash, preset, imported_at)
                    VALUES ((SELECT coalesce(max(id), 0) + 1 FROM import_batch), ?, ?, ?, ?, ?)
                    RETURNING id
                )
                SELECT added.id, (SELECT coalesce(max(id), 0) FROM touch) AS last_touch FROM added
                """,
            arguments: [
                batch.kind.rawValue, batch.fileName, batch.fileHash, batch.preset, batch.importedAt.microseconds,
            ])
        guard let row else {
            throw StoreError.databaseFailure(path: db.database, reason: "the import could not be recorded")
        }
        return (row["id"], row["last_touch"])
    }

    /// Writes the counts of an import that changed something into its `import_batch` row and notes the click ids its
    /// touches share with another visitor (``noteSharedClickIDs(_:touchesAfter:)``): one round trip when it added
    /// no touch with a click id, the update telling whether it did.
    static func closeBatch(_ db: SQLConnection, id: Int64, counts: ImportCounts, touchesAfter lastTouch: Int64) throws {
        let clickIDsAdded = try db.value(
            Bool.self,
            sql: """
                UPDATE import_batch SET read_count = ?, imported_count = ?, updated_count = ?, duplicate_count = ?,
                                        skipped_count = ?, rejected_count = ?
                WHERE id = ?
                RETURNING EXISTS (SELECT 1 FROM touch AS added WHERE \(SQLDialect.touchesAdded("added")) AND added.click_id IS NOT NULL)
                """,
            arguments: [
                counts.read, counts.imported, counts.updated, counts.duplicates, counts.skipped, counts.rejected, id,
                lastTouch,
            ])
        if clickIDsAdded == true { try addSharedClickIDs(db, touchesAfter: lastTouch) }
    }
}
#endif
