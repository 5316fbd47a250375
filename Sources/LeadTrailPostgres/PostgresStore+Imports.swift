#if Postgres
public import LeadTrailCore
public import LeadTrailStore

extension PostgresStore: ImportingStore {
    public func runImport(
        _ batch: ImportBatch, dryRun: Bool, _ body: (any ImportWriter) throws -> ImportCounts
    ) throws -> ImportBatch {
        var result = batch
        do {
            // An import reads its file once: a transaction the server aborts is not run again but reported.
            try transaction(attempts: 1) { transaction in
                let db = SQLConnection(transaction)
                db.judgesExclusively = true
                let (batchID, lastTouch) = try PostgresStore.openBatch(db, batch)
                let writer = PostgresImportWriter(db: db, batchID: batchID)
                let counts = try body(writer)
                // A file that changes nothing leaves no batch behind (and writes nothing, however large).
                guard counts.imported + counts.updated + counts.duplicates > 0 else {
                    result.counts = counts
                    result.changedNothing = true
                    throw RollBack()
                }
                try writer.finish()
                try PostgresStore.closeBatch(db, id: batchID, counts: counts, touchesAfter: lastTouch)
                result.counts = counts
                result.id = dryRun ? nil : batchID
                if dryRun { throw RollBack() }
                if counts.imported + counts.updated >= PostgresStore.statisticsThreshold {
                    try PostgresStore.refreshStatistics(db, of: PostgresStore.tablesFilled(by: batch.kind))
                }
            }
        } catch is RollBack {
            // A dry run, or a file that changed nothing: everything it did is rolled back.
            return result
        }
        if result.counts.imported + result.counts.updated >= PostgresStore.statisticsThreshold {
            refreshStatisticsKeptAtCommit(by: batch.kind)
        }
        return result
    }

    /// Thrown to roll a transaction back on purpose.
    struct RollBack: Error {}

    public func importBatches() throws -> [ImportBatch] {
        try read { db in try db.fetchAll(sql: "SELECT * FROM import_batch ORDER BY id").map(Self.batch(row:)) }
    }

    static func batch(row: SQLRow) -> ImportBatch {
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
}

/// Writes one batch's records inside its transaction, counting what became of each.
final class PostgresImportWriter: ImportWriter {
    let db: SQLConnection
    let batchID: Int64
    var campaignIDs: [String: Int64] = [:]
    /// What recording this batch's requests reads once and leaves to the end (``RequestWriting``), once there are
    /// requests.
    var writing: RequestWriting?
    /// Rows of requests judged in memory, written in bulk at the end of their chunk (``flushRequests()``).
    var pendingRequests = PendingRequestRows()
    /// The id the next lead judged in memory takes: `SQLDialect.nextLeadID` read once under the lead numbering lock,
    /// then counted on; nil until needed, and again after a request written by the per-request statements.
    var nextLeadID: Int64?
    /// Records another batch wrote that this one found the same: kept as this batch's versions at the end, and only
    /// when the batch changes something (a file that changes nothing writes nothing).
    var foundSame: [(table: PostgresStore.VersionedTable, key: String)] = []
    /// Whether this batch's table of incoming clicks exists (``addClicks(_:)``).
    var incomingClicksReady = false

    init(db: SQLConnection, batchID: Int64) {
        self.db = db
        self.batchID = batchID
    }

    func addClick(_ touch: Touch) throws -> WriteOutcome {
        // One probe tells a new click from one already there, and whether that one is the same, without reading it
        // back: a file imported again costs a lookup per record, less than its first import.
        let existing = try db.fetchOne(
            sql: """
                SELECT batch_id,
                       (at = ? AND visitor = ? AND url IS NOT DISTINCT FROM ? AND referrer IS NOT DISTINCT FROM ? AND utm_source IS NOT DISTINCT FROM ? AND utm_medium IS NOT DISTINCT FROM ?
                        AND utm_campaign IS NOT DISTINCT FROM ? AND utm_content IS NOT DISTINCT FROM ? AND utm_term IS NOT DISTINCT FROM ? AND click_id_type IS NOT DISTINCT FROM ?
                        AND click_id IS NOT DISTINCT FROM ? AND channel = ?) AS same
                FROM touch WHERE record_key = ?
                """,
            arguments: [
                touch.at.microseconds, touch.visitor, touch.url, touch.referrer, touch.utm.source, touch.utm.medium,
                touch.utm.campaign, touch.utm.content, touch.utm.term, touch.clickID?.parameter, touch.clickID?.value,
                touch.channel.rawValue, touch.key,
            ])
        guard let existing else {
            let inserted = try PostgresStore.insertTouch(
                db, touch, origin: "click", batchID: batchID, campaigns: &campaignIDs)
            return inserted ? .imported : .skipped
        }
        if existing["same"] as Bool {
            if existing["batch_id"] as Int64? != batchID { foundSame.append((.touch, touch.key)) }
            return .skipped
        }
        try PostgresStore.keepOwnerVersion(db, .touch, key: touch.key)
        let campaignID = try PostgresStore.campaignID(
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
        try PostgresStore.keepVersion(db, .touch, key: touch.key, batchID: batchID)
        return .updated
    }

    func handWorkConflicts(_ deals: [ImportedDeal]) throws -> [String: HandWorkConflict] {
        try PostgresStore.handWorkConflicts(db, deals: deals)
    }

    func putDeal(_ deal: ImportedDeal) throws -> WriteOutcome {
        let leadID = try PostgresStore.resolveLead(db, deal.lead, at: deal.createdAt)
        if let existing = try db.fetchOne(sql: "SELECT id, content_hash, batch_id FROM deal WHERE external_id = ?", arguments: [deal.id])
        {
            if existing["content_hash"] as String? == deal.contentHash {
                if existing["batch_id"] as Int64? != batchID { foundSame.append((.deal, deal.id)) }
                return .skipped
            }
            let dealID: Int64 = existing["id"]
            try PostgresStore.keepOwnerVersion(db, .deal, key: deal.id)
            // The imported refund goes with the imported values; refunds recorded by hand stay.
            try db.execute(sql: "DELETE FROM refund WHERE deal_id = ? AND batch_id IS NOT NULL", arguments: [dealID])
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
            try PostgresStore.keepVersion(db, .deal, key: deal.id, batchID: batchID)
            return .updated
        }
        let dealID = try PostgresStore.nextID(db, table: "deal")
        try db.execute(
            sql: """
                INSERT INTO deal (id, external_id, lead_id, lead_ref, amount_minor, currency, status, created_at, closed_at,
                                  content_hash, batch_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                dealID,
                deal.id, leadID, deal.lead.hashText, deal.amount.minorUnits, deal.amount.currency.code,
                deal.status.rawValue, deal.createdAt.microseconds, deal.closedAt?.microseconds, deal.contentHash,
                batchID,
            ])
        try insertRefund(deal, dealID: dealID)
        return .imported
    }

    private func insertRefund(_ deal: ImportedDeal, dealID: Int64) throws {
        guard let refund = deal.refund else { return }
        try db.execute(
            sql: "INSERT INTO refund (deal_id, amount_minor, at, batch_id) VALUES (?, ?, ?, ?)",
            arguments: [dealID, refund.amount.minorUnits, refund.at.microseconds, batchID])
    }

    /// The requests judged in memory are written; deals naming a contact this batch brought a lead for now point at
    /// the lead their reference resolves to. Records this batch found the same as another batch left them are this
    /// batch's versions too, so that undoing the other batch leaves them standing.
    func finish() throws {
        try flushRequests()
        try relinkRequestDeals()
        try PostgresStore.keepFoundSame(db, foundSame, batchID: batchID)
        if let writing { try PostgresStore.keepFoundSameRequests(db, writing.foundSame, batchID: batchID) }
    }
}

extension PostgresStore {
    /// Points deals that name one of these contacts at the lead their reference resolves to now, saving each
    /// relinked deal for undo when a batch does it.
    static func relinkDeals(_ db: SQLConnection, references: [String], batchID: Int64?) throws {
        // The deals of all the references in one query (in chunks, for a batch's many). Each deal is resolved on its
        // own, so their order changes nothing.
        var start = 0
        while start < references.count {
            let chunk = Array(references[start..<min(start + 500, references.count)])
            start += chunk.count
            for row in try db.fetchAll(
                sql: """
                    SELECT id, lead_id, lead_ref, created_at FROM deal
                    WHERE lead_ref IN (\(questionMarks(count: chunk.count))) ORDER BY id
                    """, arguments: chunk.map { $0 as (any SQLBindable)? })
            {
                guard let parsed = leadReference(parsing: row["lead_ref"]) else { continue }
                let resolved = try resolveLead(db, parsed, at: Timestamp(microseconds: row["created_at"]))
                guard resolved != row["lead_id"] as Int64? else { continue }
                if let batchID { try saveForUndo(db, batchID: batchID, table: "deal", key: row["id"] as Int64) }
                try db.execute(sql: "UPDATE deal SET lead_id = ? WHERE id = ?", arguments: [resolved, row["id"]])
            }
        }
    }

    /// The lead a deal names: by id; by external id; by email or phone, the person's latest lead created at or
    /// before the deal, else their earliest. Nil while the lead has not arrived.
    static func resolveLead(_ db: SQLConnection, _ reference: LeadReference, at time: Timestamp) throws -> Int64? {
        switch reference {
        case .id(let id):
            // A lead that became part of another (a repeat, a merge) is named by the lead it became.
            return try db.value(Int64.self, sql: """
                    SELECT id FROM lead
                    WHERE id = COALESCE((SELECT now_lead_id FROM lead_redirect WHERE lead_id = ?), ?)
                    """, arguments: [id, id])
        case .externalID(let external):
            return try db.value(Int64.self, sql: "SELECT id FROM lead WHERE external_id = ? ORDER BY created_at, id LIMIT 1",
                arguments: [external])
        case .email, .phone:
            let column = if case .email = reference { "email" } else { "phone" }
            let value: String =
                switch reference {
                case .email(let email): email.normalized
                case .phone(let phone): phone.e164
                default: ""
                }
            if let latest = try db.value(
                Int64.self, sql: LeadByContactSQL.latest(column),
                arguments: [value, time.microseconds, value, time.microseconds])
            {
                return latest
            }
            return try db.value(Int64.self, sql: LeadByContactSQL.earliest(column), arguments: [value, value])
        }
    }

    /// A deal's stored reference read back (one rule for every store: `LeadReference(hashText:)`).
    static func leadReference(parsing text: String) -> LeadReference? { LeadReference(hashText: text) }
}
#endif
