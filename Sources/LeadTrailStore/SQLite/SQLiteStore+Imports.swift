import GRDB
public import LeadTrailCore

extension SQLiteStore: ImportingStore {
    public func runImport(
        _ batch: ImportBatch, dryRun: Bool, _ body: (any ImportWriter) throws -> ImportCounts
    ) throws -> ImportBatch {
        var result = batch
        try queue.writeWithoutTransaction { db in
            try db.inTransaction {
                try db.execute(
                    sql: """
                        INSERT INTO import_batch (kind, file_name, file_hash, preset, imported_at) VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        batch.kind.rawValue, batch.fileName, batch.fileHash, batch.preset, batch.importedAt.microseconds,
                    ])
                let batchID = db.lastInsertedRowID
                let lastTouch = try SQLiteStore.lastTouchID(db)
                let writer = try SQLiteImportWriter(db: db, batchID: batchID)
                let counts = try body(writer)
                try writer.finish()
                try SQLiteStore.noteSharedClickIDs(db, touchesAfter: lastTouch)
                try db.execute(
                    sql: """
                        UPDATE import_batch SET read_count = ?, imported_count = ?, updated_count = ?, duplicate_count = ?,
                                                skipped_count = ?, rejected_count = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        counts.read, counts.imported, counts.updated, counts.duplicates, counts.skipped, counts.rejected,
                        batchID,
                    ])
                result.counts = counts
                result.id = dryRun ? nil : batchID
                return dryRun ? .rollback : .commit
            }
        }
        return result
    }

    public func importBatches() throws -> [ImportBatch] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM import_batch ORDER BY id").map(Self.batch(row:)) }
    }

    static func batch(row: Row) -> ImportBatch {
        var counts = ImportCounts()
        counts.read = row["read_count"]
        counts.imported = row["imported_count"]
        counts.updated = row["updated_count"]
        counts.duplicates = row["duplicate_count"]
        counts.skipped = row["skipped_count"]
        counts.rejected = row["rejected_count"]
        return ImportBatch(
            id: row["id"], kind: ImportKind(rawValue: row["kind"]) ?? .clicks, fileName: row["file_name"],
            fileHash: row["file_hash"], preset: row["preset"], importedAt: Timestamp(microseconds: row["imported_at"]),
            counts: counts, undoneAt: (row["undone_at"] as Int64?).map(Timestamp.init(microseconds:)))
    }

    public func undoImport(_ id: Int64) throws -> ImportBatch {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM import_batch WHERE id = ?", arguments: [id]) else {
                throw StoreError.unknownBatch(id)
            }
            guard row["undone_at"] as Int64? == nil else { throw StoreError.batchUndone(id) }
            // A forms batch's requests go, and their people are judged again from the requests still standing.
            if row["kind"] as String == ImportKind.forms.rawValue { try Self.undoRequests(db, batchID: id) }
            // First put back what the batch replaced, relinked or deleted, newest change first…
            let saved = try Row.fetchAll(
                db, sql: "SELECT table_name, row_data FROM batch_undo WHERE batch_id = ? ORDER BY id DESC",
                arguments: [id])
            for entry in saved {
                try Self.restoreRow(db, table: entry["table_name"], json: entry["row_data"])
            }
            // …then remove what it added. Deals of other batches that named its leads wait again for their lead.
            try db.execute(
                sql: "UPDATE deal SET lead_id = NULL WHERE lead_id IN (SELECT id FROM lead WHERE batch_id = ?)",
                arguments: [id])
            for table in ["refund", "deal", "lead_event", "lead_visitor", "submission", "touch", "lead", "spend"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE batch_id = ?", arguments: [id])
            }
            try db.execute(
                sql: """
                    DELETE FROM campaign WHERE batch_id = ?
                      AND NOT EXISTS (SELECT 1 FROM touch WHERE campaign_id = campaign.id)
                      AND NOT EXISTS (SELECT 1 FROM spend WHERE campaign_id = campaign.id)
                    """, arguments: [id])
            try db.execute(sql: "DELETE FROM batch_undo WHERE batch_id = ?", arguments: [id])
            // Restored touches kept their old ids, so the new-touch pass would miss them.
            try Self.recomputeSharedClickIDs(db)
            try db.execute(
                sql: "UPDATE import_batch SET undone_at = ? WHERE id = ?", arguments: [Timestamp.now().microseconds, id])
            return Self.batch(row: try Row.fetchOne(db, sql: "SELECT * FROM import_batch WHERE id = ?", arguments: [id])!)
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

/// Writes one batch's records inside its transaction, counting what became of each.
final class SQLiteImportWriter: ImportWriter {
    let db: Database
    let batchID: Int64
    private var campaignIDs: [String: Int64] = [:]
    /// Contacts whose deals may now name another lead: resolved once at the end of the batch.
    private var touchedReferences: Set<String> = []

    init(db: Database, batchID: Int64) throws {
        self.db = db
        self.batchID = batchID
    }

    func addClick(_ touch: Touch) throws -> WriteOutcome {
        if try SQLiteStore.insertTouch(db, touch, origin: .click, batchID: batchID, campaigns: &campaignIDs) {
            return .imported
        }
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT rowid, * FROM touch WHERE record_key = ?", arguments: [touch.key])
        else { return .skipped }
        if SQLiteStore.touch(row: row) == touch { return .skipped }
        try SQLiteStore.saveForUndo(db, batchID: batchID, table: "touch", rowid: row["rowid"])
        let campaignID = try SQLiteStore.campaignID(
            db, for: touch, batchID: batchID, campaigns: &campaignIDs)
        try db.execute(
            sql: """
                UPDATE touch SET at = ?, visitor = ?, url = ?, referrer = ?, utm_source = ?, utm_medium = ?,
                                 utm_campaign = ?, utm_content = ?, utm_term = ?, click_id_type = ?, click_id = ?,
                                 channel = ?, campaign_id = ?, batch_id = ?
                WHERE record_key = ?
                """,
            arguments: [
                touch.at.microseconds, touch.visitor, touch.url, touch.referrer, touch.utm.source, touch.utm.medium,
                touch.utm.campaign, touch.utm.content, touch.utm.term, touch.clickID?.parameter, touch.clickID?.value,
                touch.channel.rawValue, campaignID, batchID, touch.key,
            ])
        return .updated
    }

    func putDeal(_ deal: ImportedDeal) throws -> WriteOutcome {
        let leadID = try SQLiteStore.resolveLead(db, deal.lead, at: deal.createdAt)
        if let existing = try Row.fetchOne(
            db, sql: "SELECT id, content_hash FROM deal WHERE external_id = ?", arguments: [deal.id])
        {
            if existing["content_hash"] as String? == deal.contentHash { return .skipped }
            let dealID: Int64 = existing["id"]
            try SQLiteStore.saveForUndo(db, batchID: batchID, table: "deal", rowid: dealID)
            for refund in try Int64.fetchAll(db, sql: "SELECT id FROM refund WHERE deal_id = ?", arguments: [dealID]) {
                try SQLiteStore.saveForUndo(db, batchID: batchID, table: "refund", rowid: refund)
            }
            try db.execute(sql: "DELETE FROM refund WHERE deal_id = ?", arguments: [dealID])
            try db.execute(
                sql: """
                    UPDATE deal SET lead_id = ?, lead_ref = ?, amount_minor = ?, currency = ?, status = ?, created_at = ?,
                                    closed_at = ?, content_hash = ?, batch_id = ?
                    WHERE id = ?
                    """,
                arguments: [
                    leadID, deal.lead.hashText, deal.amount.minorUnits, deal.amount.currency.code, deal.status.rawValue,
                    deal.createdAt.microseconds, deal.closedAt?.microseconds, deal.contentHash, batchID, dealID,
                ])
            try insertRefund(deal, dealID: dealID)
            return .updated
        }
        try db.execute(
            sql: """
                INSERT INTO deal (external_id, lead_id, lead_ref, amount_minor, currency, status, created_at, closed_at,
                                  content_hash, batch_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                deal.id, leadID, deal.lead.hashText, deal.amount.minorUnits, deal.amount.currency.code,
                deal.status.rawValue, deal.createdAt.microseconds, deal.closedAt?.microseconds, deal.contentHash,
                batchID,
            ])
        try insertRefund(deal, dealID: db.lastInsertedRowID)
        return .imported
    }

    private func insertRefund(_ deal: ImportedDeal, dealID: Int64) throws {
        guard let refund = deal.refund else { return }
        try db.execute(
            sql: "INSERT INTO refund (deal_id, amount_minor, at, batch_id) VALUES (?, ?, ?, ?)",
            arguments: [dealID, refund.amount.minorUnits, refund.at.microseconds, batchID])
    }

    func putSpend(_ spend: Spend) throws -> WriteOutcome {
        guard let key = Normalize.key(spend.campaign) else { throw ValidationError.missingValue(field: "campaign") }
        if let campaignID = try SQLiteStore.campaignID(db, key: key),
            let row = try Row.fetchOne(
                db, sql: "SELECT rowid, * FROM spend WHERE day = ? AND campaign_id = ?",
                arguments: [spend.date.description, campaignID])
        {
            let same =
                row["amount_minor"] as Int64 == spend.amount.minorUnits
                && row["currency"] as String == spend.amount.currency.code
                && row["platform"] as String? == spend.platform?.rawValue
                && row["impressions"] as Int64 == spend.impressions && row["reach"] as Int64 == spend.reach
                && row["clicks"] as Int64 == spend.clicks && row["engagements"] as Int64 == spend.engagements
            if same { return .skipped }
            try SQLiteStore.saveForUndo(db, batchID: batchID, table: "spend", rowid: row["rowid"])
        }
        if let platform = spend.platform, let campaignID = try SQLiteStore.campaignID(db, key: key),
            try String.fetchOne(
                db, sql: "SELECT platform FROM campaign WHERE id = ? AND auto_created = 1", arguments: [campaignID])
                .map({ $0 != platform.rawValue }) == true
        {
            try SQLiteStore.saveForUndo(db, batchID: batchID, table: "campaign", rowid: campaignID)
        }
        return try SQLiteStore.upsertSpend(db, spend, batchID: batchID) ? .updated : .imported
    }

    /// Deals naming a contact this batch brought a lead for now point at the lead their reference resolves to.
    func finish() throws {
        try SQLiteStore.relinkDeals(db, references: touchedReferences.sorted(), batchID: batchID)
    }
}

extension SQLiteStore {
    /// Points deals that name one of these contacts at the lead their reference resolves to now, saving each
    /// relinked deal for undo when a batch does it.
    static func relinkDeals(_ db: Database, references: [String], batchID: Int64?) throws {
        for reference in references {
            for row in try Row.fetchAll(
                db, sql: "SELECT id, lead_id, lead_ref, created_at FROM deal WHERE lead_ref = ?", arguments: [reference])
            {
                guard let parsed = leadReference(parsing: row["lead_ref"]) else { continue }
                let resolved = try resolveLead(db, parsed, at: Timestamp(microseconds: row["created_at"]))
                guard resolved != row["lead_id"] as Int64? else { continue }
                if let batchID { try saveForUndo(db, batchID: batchID, table: "deal", rowid: row["id"]) }
                try db.execute(sql: "UPDATE deal SET lead_id = ? WHERE id = ?", arguments: [resolved, row["id"]])
            }
        }
    }

    /// The lead a deal names: by id; by external id; by email or phone, the person's latest lead created at or
    /// before the deal, else their earliest. Nil while the lead has not arrived.
    static func resolveLead(_ db: Database, _ reference: LeadReference, at time: Timestamp) throws -> Int64? {
        switch reference {
        case .id(let id):
            // A lead that became part of another (a repeat, a merge) is named by the lead it became.
            return try Int64.fetchOne(
                db,
                sql: """
                    SELECT id FROM lead
                    WHERE id = COALESCE((SELECT now_lead_id FROM lead_redirect WHERE lead_id = ?), ?)
                    """, arguments: [id, id])
        case .externalID(let external):
            return try Int64.fetchOne(
                db, sql: "SELECT id FROM lead WHERE external_id = ? ORDER BY created_at, id LIMIT 1",
                arguments: [external])
        case .email, .phone:
            let column = if case .email = reference { "email" } else { "phone" }
            let value: String =
                switch reference {
                case .email(let email): email.normalized
                case .phone(let phone): phone.e164
                default: ""
                }
            if let latest = try Int64.fetchOne(
                db,
                sql: """
                    SELECT id FROM lead
                    WHERE (\(column) = ? OR id IN (SELECT pinned_lead FROM submission WHERE \(column) = ?))
                      AND created_at <= ?
                    ORDER BY created_at DESC, id DESC LIMIT 1
                    """,
                arguments: [value, value, time.microseconds])
            {
                return latest
            }
            return try Int64.fetchOne(
                db,
                sql: """
                    SELECT id FROM lead WHERE \(column) = ? OR id IN (SELECT pinned_lead FROM submission WHERE \(column) = ?)
                    ORDER BY created_at, id LIMIT 1
                    """, arguments: [value, value])
        }
    }

    static func leadReference(parsing text: String) -> LeadReference? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let kind = text[..<colon]
        let value = String(text[text.index(after: colon)...])
        switch kind {
        case "id": return Int64(value).map(LeadReference.id)
        case "external_id": return .externalID(value)
        case "email": return (try? Email(parsing: value)).map(LeadReference.email)
        case "phone": return (try? Phone(parsing: value)).map(LeadReference.phone)
        default: return nil
        }
    }
}
