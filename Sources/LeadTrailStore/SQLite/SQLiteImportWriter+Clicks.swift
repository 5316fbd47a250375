import GRDB

extension SQLiteImportWriter {
    /// How many clicks a file must bring, at least, for the touch indexes to be built at the end of the batch.
    static let bulkClicks = 50_000

    /// Chooses the bulk path for a large file of clicks into a table that holds few touches: when it brings at least
    /// ``bulkClicks`` and four times as many as the table holds already, the touch table's secondary indexes are
    /// dropped for the batch and built again at its end (``buildDeferredIndexes()``).
    ///
    /// Inserting a click into an index on visitors or times is a random write into a tree much larger than the page
    /// cache; building the index afterwards sorts its entries once. It all happens inside the batch's transaction:
    /// an error, a dry run or a file that changes nothing rolls the indexes back with everything else, and other
    /// connections keep reading the last committed state, indexes and all. The index on record keys stays, since
    /// every click is looked up by its key.
    func expectClicks(_ estimatedCount: Int) throws {
        guard estimatedCount >= Self.bulkClicks, deferredIndexes.isEmpty else { return }
        let span = try SQLiteStore.touchIDSpan(db)
        let stored = Int(span.last - span.first)
        guard estimatedCount >= stored * 4 else { return }
        let indexes = try Row.fetchAll(
            db,
            sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND tbl_name = 'touch' AND sql IS NOT NULL ORDER BY name
                """)
        for index in indexes {
            let name: String = index["name"]
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
            deferredIndexes.append(index["sql"])
        }
        // A new file's clicks are new: try inserting them first.
        clicksAreNew = true
    }

    /// Builds again the indexes ``expectClicks(_:)`` dropped, exactly as they were defined: at the end of the batch,
    /// or before the first click that updates a touch already stored.
    func buildDeferredIndexes() throws {
        guard !deferredIndexes.isEmpty else { return }
        // SQLite's sorter may sort on a helper thread meanwhile: the file's reader is done by now.
        try db.execute(sql: "PRAGMA threads = 2")
        defer { try? db.execute(sql: "PRAGMA threads = 0") }
        for sql in deferredIndexes { try db.execute(sql: sql) }
        deferredIndexes.removeAll()
    }
}
