#if Postgres
import LeadTrailCore
public import LeadTrailStore

extension PostgresStore {
    public func undoImport(_ id: Int64, force: Bool) throws -> UndoResult {
        try write { db in
            db.judgesExclusively = true
            guard let row = try db.fetchOne(sql: "SELECT * FROM import_batch WHERE id = ?", arguments: [id]) else {
                throw StoreError.unknownBatch(id)
            }
            guard row["undone_at"] as Int64? == nil else { throw StoreError.batchUndone(id) }
            // The batch's leads and deals are held before its hand work is looked for: a rep's change to one of them
            // (`deal add`, `lead stage`, `lead merge`, `deal won`…, each of which holds its lead or deal first) either
            // committed before, and is found below, or waits for this undo and then finds the lead or deal gone.
            _ = try db.column(Int64.self, sql: "SELECT id FROM lead WHERE batch_id = ? ORDER BY id FOR UPDATE", arguments: [id])
            _ = try db.column(Int64.self, sql: "SELECT id FROM deal WHERE batch_id = ? ORDER BY id FOR UPDATE", arguments: [id])
            let work = try Self.manualWork(db, batchID: id)
            guard work.removed.isEmpty || force else { throw UndoRefusal(batch: id, dependents: work.removed) }
            let campaigns = try Self.campaignsNamed(db, batchID: id)
            // Deals added by hand to the batch's leads, found before the leads are judged again (which lets a lead
            // with no request left go, and its deals with it): they are left without a lead until `deal link`.
            var stranded = try db.column(Int64.self, sql: """
                    SELECT id FROM deal WHERE lead_id IN (SELECT id FROM lead WHERE batch_id = ?) AND lead_ref IS NULL
                    ORDER BY id
                    """, arguments: [id])
            // A forms batch's requests go, and their people are judged again from the requests still standing.
            if row["kind"] as String == ImportKind.forms.rawValue { try Self.undoRequests(db, batchID: id) }
            // Each record the batch wrote becomes what the batches still standing make of it…
            try Self.undoVersions(db, batchID: id)
            // …the hand work it removes from a deal that stays goes (a status set after the batch, refunds the deal
            // can no longer carry)…
            try Self.dropUndoneHandWork(db, work)
            // …what a forms batch replaced comes back, newest change first (a deal it relinked is resolved again)…
            var relink = Set<Int64>()
            let saved = try db.fetchAll(sql: "SELECT table_name, row_data FROM batch_undo WHERE batch_id = ? ORDER BY id DESC",
                arguments: [id])
            for entry in saved {
                let table: String = entry["table_name"]
                if table == "deal" {
                    if let deal = try db.value(
                        Int64.self, sql: "SELECT (?::jsonb->>'rowid')::bigint", arguments: [entry["row_data"] as String])
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
                try db.column(Int64.self, sql: "SELECT id FROM deal WHERE lead_id IN (\(leads))", arguments: [id]))
            stranded += try db.column(Int64.self, sql: "SELECT id FROM deal WHERE lead_id IN (\(leads)) AND lead_ref IS NULL ORDER BY id",
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
                try db.value(Int64.self, sql: "SELECT lead_id FROM deal WHERE id = ?", arguments: [deal]) == nil
                    && db.value(Int64.self, sql: "SELECT id FROM deal WHERE id = ?", arguments: [deal]) != nil
            }
            try Self.dropUnnamedCampaigns(db, candidates: campaigns)
            try db.execute(sql: "DELETE FROM batch_undo WHERE batch_id = ?", arguments: [id])
            // Restored touches kept their old ids, so the new-touch pass would miss them.
            try Self.recomputeSharedClickIDs(db)
            try db.execute(
                sql: "UPDATE import_batch SET undone_at = ? WHERE id = ?", arguments: [Timestamp.now().microseconds, id])
            guard let undone = try db.fetchOne(sql: "SELECT * FROM import_batch WHERE id = ?", arguments: [id])
            else { throw StoreError.unknownBatch(id) }
            return UndoResult(batch: Self.batch(row: undone), removed: work.removed, strandedDeals: stranded,
                kept: work.kept)
        }
    }

    /// The columns of a table, from the schema itself (never from user input).
    static func columns(_ db: SQLConnection, table: String) throws -> [String] {
        try db.column(
            String.self,
            sql: """
                SELECT column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
                """, arguments: [table])
    }

    /// The column that names a saved row: `record_key` for a request, `id` for the rest.
    static func keyColumn(_ table: String) -> String { table == "submission" ? "record_key" : "id" }

    /// Saves a row as it is now (JSON of every column, and `rowid`: its id), so that undoing `batchID` can put it
    /// back exactly.
    static func saveForUndo(_ db: SQLConnection, batchID: Int64, table: String, key: any SQLBindable) throws {
        let rowid = keyColumn(table) == "id" ? "jsonb_build_object('rowid', saved.id) || " : ""
        try db.execute(
            sql: """
                INSERT INTO batch_undo (batch_id, table_name, row_data)
                SELECT ?, ?, (\(rowid)to_jsonb(saved))::text FROM \(table) AS saved WHERE \(keyColumn(table)) = ?
                """, arguments: [batchID, table, key])
    }

    /// Keeps a copy of each request this batch found recorded by another batch with the same content, as a request
    /// it changed is kept: undoing the batch that recorded it first hands it to this one
    /// (``SQLStore/spliceRequestVersions(_:batchID:)``) instead of removing it.
    static func keepFoundSameRequests(_ db: SQLConnection, _ keys: [String], batchID: Int64) throws {
        var seen = Set<String>()
        for key in keys where seen.insert(key).inserted {
            guard
                let owner = try db.value(
                    Int64.self, sql: "SELECT batch_id FROM submission WHERE record_key = ?", arguments: [key]),
                owner != batchID
            else { continue }
            try saveForUndo(db, batchID: batchID, table: "submission", key: key)
        }
    }

    /// Puts a saved row back: inserted, or written over the row of its key.
    static func restoreRow(_ db: SQLConnection, table: String, json: String) throws {
        let names = try columns(db, table: table)
        let list = names.map { "\"\($0)\"" }.joined(separator: ", ")
        let updates = names.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
        try db.execute(
            sql: """
                INSERT INTO \(table) (\(list))
                SELECT \(list) FROM jsonb_populate_record(NULL::\(table), ?::jsonb)
                ON CONFLICT (\(keyColumn(table))) DO UPDATE SET \(updates)
                """, arguments: [json])
    }
}
#endif
