#if Postgres
public import LeadTrailCore
public import LeadTrailStore

extension PostgresStore {
    public func undoImport(_ id: Int64, force: Bool) throws -> UndoResult {
        try write { db in
            db.judgesExclusively = true
            guard let row = try db.fetchOne(sql: "SELECT * FROM import_batch WHERE id = ?", arguments: [id]) else {
                throw StoreError.unknownBatch(id)
            }
            guard row["undone_at"] as Int64? == nil else { throw StoreError.batchUndone(id) }
            let work = try Self.manualWork(db, batchID: id)
            guard work.isEmpty || force else { throw UndoRefusal(batch: id, dependents: work) }
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
            return UndoResult(batch: Self.batch(row: undone), removed: work, strandedDeals: stranded)
        }
    }

    /// The work done by hand on what a batch brought, which undoing it would remove: stage moves, owners, deals added
    /// from the CLI and merges on its leads, refunds recorded on its deals. One phrase each, in lead order.
    static func manualWork(_ db: SQLConnection, batchID: Int64) throws -> [String] {
        var work: [String] = []
        let leads = "SELECT id FROM lead WHERE batch_id = ?"
        for row in try db.fetchAll(sql: """
                SELECT lead_id, to_stage, changed_by FROM stage_change
                WHERE from_stage IS NOT NULL AND lead_id IN (\(leads)) ORDER BY lead_id, at, id
                """, arguments: [batchID])
        {
            let by = (row["changed_by"] as String?).map { " by \($0)" } ?? ""
            work.append("lead \(row["lead_id"] as Int64) stage \(row["to_stage"] as String)\(by)")
        }
        for row in try db.fetchAll(sql: "SELECT id, owner FROM lead WHERE batch_id = ? AND owner IS NOT NULL ORDER BY id",
            arguments: [batchID])
        {
            work.append("lead \(row["id"] as Int64) owner \(row["owner"] as String)")
        }
        for row in try db.fetchAll(sql: "SELECT lead_id, detail FROM lead_event WHERE kind = 'merged' AND lead_id IN (\(leads)) ORDER BY lead_id, id",
            arguments: [batchID])
        {
            work.append((row["detail"] as String?) ?? "a lead merged into lead \(row["lead_id"] as Int64)")
        }
        for deal in try db.column(Int64.self, sql: "SELECT id FROM deal WHERE batch_id IS NULL AND lead_id IN (\(leads)) ORDER BY id",
            arguments: [batchID])
        {
            work.append("deal \(deal) added by hand")
        }
        // A refund recorded by hand on a deal the batch brought goes with the deal.
        for deal in try db.column(Int64.self, sql: """
                SELECT DISTINCT deal.id FROM deal JOIN refund ON refund.deal_id = deal.id
                WHERE deal.batch_id = ? AND refund.batch_id IS NULL ORDER BY deal.id
                """, arguments: [batchID])
        {
            work.append("deal \(deal) refund by hand")
        }
        return work
    }

    /// The campaigns a batch's records name: those it created, and those its rows and versions point at.
    static func campaignsNamed(_ db: SQLConnection, batchID: Int64) throws -> Set<Int64> {
        Set(
            try db.column(Int64.self, sql: """
                    SELECT id FROM campaign WHERE batch_id = ?1
                    UNION SELECT campaign_id FROM touch WHERE batch_id = ?1 AND campaign_id IS NOT NULL
                    UNION SELECT campaign_id FROM spend WHERE batch_id = ?1
                    UNION SELECT campaign.id FROM batch_version JOIN campaign
                        ON campaign.key = batch_version.content::jsonb->>'campaign'
                        WHERE batch_version.batch_id = ?1 AND batch_version.table_name = 'touch'
                    UNION SELECT campaign.id FROM batch_version JOIN campaign
                        ON campaign.key = substr(batch_version.record_key, 12)
                        WHERE batch_version.batch_id = ?1 AND batch_version.table_name = 'spend'
                    """, arguments: [batchID]))
    }

    /// Removes the auto-created campaigns among `candidates` that no standing batch names any more.
    static func dropUnnamedCampaigns(_ db: SQLConnection, candidates: Set<Int64>) throws {
        for campaign in candidates.sorted() {
            try db.execute(
                sql: """
                    DELETE FROM campaign WHERE id = ? AND auto_created = 1 AND batch_id IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM touch WHERE campaign_id = campaign.id)
                      AND NOT EXISTS (SELECT 1 FROM spend WHERE campaign_id = campaign.id)
                      AND NOT EXISTS (SELECT 1 FROM batch_version WHERE table_name = 'touch'
                                      AND content::jsonb->>'campaign' = campaign.key)
                      AND NOT EXISTS (SELECT 1 FROM batch_version WHERE table_name = 'spend'
                                      AND substr(record_key, 12) = campaign.key)
                    """, arguments: [campaign])
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
