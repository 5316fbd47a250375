import GRDB
import LeadTrailCore

extension SQLiteStore {
    public func undoImport(_ id: Int64, force: Bool) throws -> UndoResult {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM import_batch WHERE id = ?", arguments: [id]) else {
                throw StoreError.unknownBatch(id)
            }
            guard row["undone_at"] as Int64? == nil else { throw StoreError.batchUndone(id) }
            let work = try Self.manualWork(SQLiteTransaction(db), batchID: id)
            guard work.removed.isEmpty || force else { throw UndoRefusal(batch: id, dependents: work.removed) }
            let campaigns = try Self.campaignsNamed(SQLiteTransaction(db), batchID: id)
            // Deals added by hand to the batch's leads, found before the leads are judged again (which lets a lead
            // with no request left go, and its deals with it): they are left without a lead until `deal link`.
            var stranded = try Int64.fetchAll(
                db,
                sql: """
                    SELECT id FROM deal WHERE lead_id IN (SELECT id FROM lead WHERE batch_id = ?) AND lead_ref IS NULL
                    ORDER BY id
                    """, arguments: [id])
            // A forms batch's requests go, and their people are judged again from the requests still standing.
            if row["kind"] as String == ImportKind.forms.rawValue { try Self.undoRequests(db, batchID: id) }
            // Each record the batch wrote becomes what the batches still standing make of it…
            try Self.undoVersions(SQLiteTransaction(db), batchID: id)
            // …the hand work it removes from a deal that stays goes (a status set after the batch, refunds the deal
            // can no longer carry)…
            try Self.dropUndoneHandWork(SQLiteTransaction(db), work)
            // …what a forms batch replaced comes back, newest change first (a deal it relinked is resolved again)…
            var relink = Set<Int64>()
            let saved = try Row.fetchAll(
                db, sql: "SELECT table_name, row_data FROM batch_undo WHERE batch_id = ? ORDER BY id DESC",
                arguments: [id])
            for entry in saved {
                let table: String = entry["table_name"]
                if table == "deal" {
                    if let deal = try Int64.fetchOne(
                        db, sql: "SELECT json_extract(?, '$.rowid')", arguments: [entry["row_data"] as String])
                    {
                        relink.insert(deal)
                    }
                    continue
                }
                try Self.restoreRow(db, table: table, json: entry["row_data"])
            }
            // …then what only it added goes. Deals that named its leads wait again for their lead; one added by hand
            // to its lead is left without one (`deal link` gives it another).
            let leads = "SELECT id FROM lead WHERE batch_id = ?"
            relink.formUnion(
                try Int64.fetchAll(db, sql: "SELECT id FROM deal WHERE lead_id IN (\(leads))", arguments: [id]))
            stranded += try Int64.fetchAll(
                db, sql: "SELECT id FROM deal WHERE lead_id IN (\(leads)) AND lead_ref IS NULL ORDER BY id",
                arguments: [id])
            try db.execute(sql: "UPDATE deal SET lead_id = NULL WHERE lead_id IN (\(leads))", arguments: [id])
            try db.execute(
                sql: "DELETE FROM refund WHERE batch_id = ? OR deal_id IN (SELECT id FROM deal WHERE batch_id = ?)",
                arguments: [id, id])
            for table in ["deal", "lead_event", "lead_visitor", "submission", "touch", "lead", "spend"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE batch_id = ?", arguments: [id])
            }
            for deal in relink.sorted() { try Self.relinkDeal(db, id: deal) }
            // Only those still without a lead are stranded (judging again may have kept their lead).
            stranded = try Array(Set(stranded)).sorted().filter { deal in
                try Int64.fetchOne(db, sql: "SELECT lead_id FROM deal WHERE id = ?", arguments: [deal]) == nil
                    && Int64.fetchOne(db, sql: "SELECT id FROM deal WHERE id = ?", arguments: [deal]) != nil
            }
            try Self.dropUnnamedCampaigns(SQLiteTransaction(db), candidates: campaigns)
            try db.execute(sql: "DELETE FROM batch_undo WHERE batch_id = ?", arguments: [id])
            // Restored touches kept their old ids, so the new-touch pass would miss them.
            try Self.recomputeSharedClickIDs(db)
            try db.execute(
                sql: "UPDATE import_batch SET undone_at = ? WHERE id = ?",
                arguments: [Timestamp.now().microseconds, id])
            guard let undone = try Row.fetchOne(db, sql: "SELECT * FROM import_batch WHERE id = ?", arguments: [id])
            else { throw StoreError.unknownBatch(id) }
            return UndoResult(
                batch: Self.batch(row: undone), removed: work.removed, strandedDeals: stranded,
                kept: work.kept)
        }
    }

    /// The columns of a table, from the schema itself (never from user input).
    static func columns(_ db: Database, table: String) throws -> [String] {
        try db.columns(in: table).map(\.name)
    }

    /// Saves a row as it is now, so that undoing `batchID` can put it back exactly.
    static func saveForUndo(_ db: Database, batchID: Int64, table: String, rowid: Int64) throws {
        let pairs = try ["'rowid', rowid"] + columns(db, table: table).map { "'\($0)', \"\($0)\"" }
        try db.execute(
            sql: """
                INSERT INTO batch_undo (batch_id, table_name, row_data)
                SELECT ?, ?, json_object(\(pairs.joined(separator: ", "))) FROM \(table) WHERE rowid = ?
                """, arguments: [batchID, table, rowid])
    }

    static func restoreRow(_ db: Database, table: String, json: String) throws {
        let names = try ["rowid"] + columns(db, table: table)
        let list = names.map { "\"\($0)\"" }.joined(separator: ", ")
        let values = names.map { "json_extract(?, '$.\($0)')" }.joined(separator: ", ")
        try db.execute(
            sql: "INSERT OR REPLACE INTO \(table) (\(list)) SELECT \(values)",
            arguments: StatementArguments(Array(repeating: json, count: names.count)))
    }
}
