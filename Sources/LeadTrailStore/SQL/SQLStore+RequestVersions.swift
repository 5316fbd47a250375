/// Undoing a forms batch whose requests a later batch changed since, written once for both stores.
///
/// A request's row stays with the batch that first recorded it (`submission.batch_id`); each later batch that
/// changes it saves the version it replaced in `batch_undo`. Undoing a batch in the middle of such a chain takes
/// only that batch's version out, so the data is what importing the batches still standing gives: the later
/// version stays.
extension SQLStore {
    /// Takes batch `batchID` out of the version chains of requests that a later batch changed after it. Runs before
    /// the store restores the batch's saved versions and deletes the requests it recorded: what is left for those
    /// steps is only what no later batch touched.
    package static func spliceRequestVersions(_ db: some SQLTransaction, batchID: Int64) throws {
        let savedKey = db.dialect.jsonText("row_data", key: "record_key")
        // Requests the batch recorded first and a later batch changed: they stay, as the first later batch's, whose
        // saved copy (the undone batch's version) goes; versions saved after it name their new first batch.
        for key in try db.column(
            String.self, sql: "SELECT record_key FROM submission WHERE batch_id = ? ORDER BY record_key",
            arguments: [batchID])
        {
            let later = try db.fetchAll(
                sql: """
                    SELECT id, batch_id FROM batch_undo
                    WHERE table_name = 'submission' AND batch_id <> ? AND \(savedKey) = ? ORDER BY id
                    """, arguments: [batchID, key])
            guard let first = later.first else { continue }
            let heir: Int64 = first["batch_id"]
            try db.execute(sql: "DELETE FROM batch_undo WHERE id = ?", arguments: [first["id"] as Int64])
            try db.execute(sql: "UPDATE submission SET batch_id = ? WHERE record_key = ?", arguments: [heir, key])
            for entry in later.dropFirst() {
                try db.execute(
                    sql: "UPDATE batch_undo SET row_data = \(db.dialect.jsonSettingInteger("row_data", key: "batch_id")) WHERE id = ?",
                    arguments: [heir, entry["id"] as Int64])
            }
        }
        // Requests the batch changed and a later batch changed again: the later batch's saved copy becomes the
        // version before the undone batch, and nothing is restored now.
        for entry in try db.fetchAll(
            sql: "SELECT id, row_data FROM batch_undo WHERE batch_id = ? AND table_name = 'submission' ORDER BY id",
            arguments: [batchID])
        {
            let id: Int64 = entry["id"]
            let saved: String = entry["row_data"]
            guard
                let next = try db.value(
                    Int64.self,
                    sql: """
                        SELECT id FROM batch_undo
                        WHERE table_name = 'submission' AND id > ? AND batch_id <> ?
                          AND \(savedKey) = (SELECT \(savedKey) FROM batch_undo WHERE id = ?)
                        ORDER BY id LIMIT 1
                        """, arguments: [id, batchID, id])
            else { continue }
            try db.execute(sql: "UPDATE batch_undo SET row_data = ? WHERE id = ?", arguments: [saved, next])
            try db.execute(sql: "DELETE FROM batch_undo WHERE id = ?", arguments: [id])
        }
    }
}
