import GRDB
public import LeadTrailCore

extension SQLiteStore: ImportingStore {
    public func runImport(
        _ batch: ImportBatch, dryRun: Bool, _ body: (any ImportWriter) throws -> ImportCounts
    ) throws -> ImportBatch {
        var result = batch
        var clock = ReportStepClock(logger: logger, work: "import batch")
        defer { clock.lap("commit or roll back") }
        try queue.writeWithoutTransaction { db in
            // A writer may enlarge the page cache for its batch (``SQLiteImportWriter/requestWriting()``).
            defer { try? db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKiB)") }
            try db.inTransaction {
                try db.execute(
                    sql: """
                        INSERT INTO import_batch (kind, file_name, file_hash, preset, imported_at) VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        batch.kind.rawValue, batch.fileName, batch.fileHash, batch.preset,
                        batch.importedAt.microseconds,
                    ])
                let batchID = db.lastInsertedRowID
                let lastTouch = try SQLiteStore.lastTouchID(db)
                let writer = try SQLiteImportWriter(db: db, batchID: batchID)
                let counts = try body(writer)
                clock.lap("records")
                // A file that changes nothing leaves no batch behind (and writes nothing, however large).
                guard counts.imported + counts.updated + counts.duplicates > 0 else {
                    result.counts = counts
                    result.changedNothing = true
                    return .rollback
                }
                try writer.finish()
                clock.lap("indexes and relinks")
                try SQLiteStore.noteSharedClickIDs(db, touchesAfter: lastTouch)
                // A dry run rolls back: its touches never need paths.
                if !dryRun { try SQLiteStore.keepVisitorPaths(db) }
                clock.lap("shared click ids and paths")
                try db.execute(
                    sql: """
                        UPDATE import_batch SET read_count = ?, imported_count = ?, updated_count = ?, duplicate_count = ?,
                                                skipped_count = ?, rejected_count = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        counts.read, counts.imported, counts.updated, counts.duplicates, counts.skipped,
                        counts.rejected,
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
}

/// Writes one batch's records inside its transaction, counting what became of each.
final class SQLiteImportWriter: ImportWriter {
    let db: Database
    let batchID: Int64
    var campaignIDs: [String: Int64] = [:]
    /// The touch indexes dropped for a large file of clicks, as `CREATE INDEX` statements: built again, each in one
    /// sorted pass, at the end of the batch (``SQLiteImportWriter/expectClicks(_:)``).
    var deferredIndexes: [String] = []
    /// Whether the last click was new: the next one is then inserted first and probed only if its key is there.
    var clicksAreNew = false
    /// The requests' settings, campaigns and contacts whose deals may now name another lead (resolved once at the
    /// end of the batch); made by the first request.
    private var writing: RequestWriting?
    /// Records another batch wrote that this one found the same: kept as this batch's versions at the end, and only
    /// when the batch changes something (a file that changes nothing writes nothing).
    private var foundSame: [(table: VersionedTable, key: String)] = []

    init(db: Database, batchID: Int64) throws {
        self.db = db
        self.batchID = batchID
    }

    /// What recording this batch's requests reads once and leaves to the end (``RequestWriting``).
    func requestWriting() throws -> RequestWriting {
        if let writing { return writing }
        // A batch is one transaction: the pages it changes that do not fit the cache are spilled into the WAL
        // mid-transaction and read back. Requests write into five tables and their indexes at once; a larger cache
        // for the batch keeps a file of them in memory (the import of 100,000 forms peaks at about 350 MiB).
        try db.execute(sql: "PRAGMA cache_size = -\(SQLiteStore.importCacheKiB)")
        let made = RequestWriting(
            window: try SQLiteStore.duplicateWindow(db),
            dealsNameLeads: try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM deal WHERE lead_ref IS NOT NULL)") == true)
        writing = made
        return made
    }

    func addClick(_ touch: Touch) throws -> WriteOutcome {
        // In a run of new clicks (a new file), inserting first saves the probe; a click already there is then
        // probed as usual, and a file imported again goes back to probing first. Only a click whose campaign this
        // batch has met is tried so: the insert must not create a campaign for a click that turns out the same.
        if clicksAreNew, touch.utm.campaign.flatMap(Normalize.key).map({ campaignIDs[$0] != nil }) ?? true {
            if try SQLiteStore.insertTouch(db, touch, origin: .click, batchID: batchID, campaigns: &campaignIDs) {
                return .imported
            }
            clicksAreNew = false
        }
        // One probe tells a new click from one already there, and whether that one is the same, without reading it
        // back: a file imported again costs a lookup per record, less than its first import.
        let probe = try db.cachedStatement(
            sql: """
                SELECT batch_id,
                       (at = ? AND visitor = ? AND url IS ? AND referrer IS ? AND utm_source IS ? AND utm_medium IS ?
                        AND utm_campaign IS ? AND utm_content IS ? AND utm_term IS ? AND click_id_type IS ?
                        AND click_id IS ? AND channel = ?) AS same
                FROM touch WHERE record_key = ?
                """)
        let existing = try Row.fetchOne(
            probe,
            arguments: [
                touch.at.microseconds, touch.visitor, touch.url, touch.referrer, touch.utm.source, touch.utm.medium,
                touch.utm.campaign, touch.utm.content, touch.utm.term, touch.clickID?.parameter, touch.clickID?.value,
                touch.channel.rawValue, touch.key,
            ])
        guard let existing else {
            let inserted = try SQLiteStore.insertTouch(
                db, touch, origin: .click, batchID: batchID, campaigns: &campaignIDs)
            clicksAreNew = inserted
            return inserted ? .imported : .skipped
        }
        if existing["same"] as Bool {
            if existing["batch_id"] as Int64? != batchID { foundSame.append((.touch, touch.key)) }
            return .skipped
        }
        // Updating a touch fires schema 5's trigger, which looks up its click id: with the indexes, not a scan.
        try buildDeferredIndexes()
        try SQLiteStore.keepOwnerVersion(db, .touch, key: touch.key)
        let campaignID = try SQLiteStore.campaignID(
            db, for: touch, batchID: batchID, campaigns: &campaignIDs)
        let update = try db.cachedStatement(
            sql: """
                UPDATE touch SET at = ?, visitor = ?, url = ?, referrer = ?, utm_source = ?, utm_medium = ?,
                                 utm_campaign = ?, utm_content = ?, utm_term = ?, click_id_type = ?, click_id = ?,
                                 channel = ?, campaign_id = ?, batch_id = ?
                WHERE record_key = ?
                """)
        try update.execute(arguments: [
            touch.at.microseconds, touch.visitor, touch.url, touch.referrer, touch.utm.source, touch.utm.medium,
            touch.utm.campaign, touch.utm.content, touch.utm.term, touch.clickID?.parameter, touch.clickID?.value,
            touch.channel.rawValue, campaignID, batchID, touch.key,
        ])
        try SQLiteStore.keepVersion(db, .touch, key: touch.key, batchID: batchID)
        return .updated
    }

    func handWorkConflicts(_ deals: [ImportedDeal]) throws -> [String: HandWorkConflict] {
        try SQLiteStore.handWorkConflicts(SQLiteTransaction(db), deals: deals)
    }

    func putDeal(_ deal: ImportedDeal) throws -> WriteOutcome {
        let leadID = try SQLiteStore.resolveLead(db, deal.lead, at: deal.createdAt)
        if let existing = try Row.fetchOne(
            db, sql: "SELECT id, content_hash, batch_id FROM deal WHERE external_id = ?", arguments: [deal.id])
        {
            if existing["content_hash"] as String? == deal.contentHash {
                if existing["batch_id"] as Int64? != batchID { foundSame.append((.deal, deal.id)) }
                return .skipped
            }
            let dealID: Int64 = existing["id"]
            try SQLiteStore.keepOwnerVersion(db, .deal, key: deal.id)
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
            try SQLiteStore.keepVersion(db, .deal, key: deal.id, batchID: batchID)
            return .updated
        }
        try db.execute(
            sql: """
                INSERT INTO deal (id, external_id, lead_id, lead_ref, amount_minor, currency, status, created_at,
                                  closed_at, content_hash, batch_id)
                VALUES (\(SQLDialect.sqlite.nextID("deal")), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
            sql: """
                INSERT INTO refund (id, deal_id, amount_minor, at, batch_id)
                VALUES (\(SQLDialect.sqlite.nextID("refund")), ?, ?, ?, ?)
                """,
            arguments: [dealID, refund.amount.minorUnits, refund.at.microseconds, batchID])
    }

    func putSpend(_ spend: Spend) throws -> WriteOutcome {
        guard let key = Normalize.key(spend.campaign) else { throw ValidationError.missingValue(field: "campaign") }
        let recordKey = SQLiteStore.spendKey(day: spend.date.description, campaignKey: key)
        if let campaignID = try SQLiteStore.campaignID(db, key: key),
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM spend WHERE day = ? AND campaign_id = ?"),
                arguments: [spend.date.description, campaignID])
        {
            let same =
                row["amount_minor"] as Int64 == spend.amount.minorUnits
                && row["currency"] as String == spend.amount.currency.code
                && row["platform"] as String? == spend.platform?.rawValue
                && row["impressions"] as Int64 == spend.impressions && row["reach"] as Int64 == spend.reach
                && row["clicks"] as Int64 == spend.clicks && row["engagements"] as Int64 == spend.engagements
                && row["platform_campaign_id"] as String? == spend.platformCampaignID
            if same {
                if row["batch_id"] as Int64? != batchID { foundSame.append((.spend, recordKey)) }
                return .skipped
            }
            try SQLiteStore.keepOwnerVersion(db, .spend, key: recordKey)
        }
        if let platform = spend.namedPlatform, let campaignID = try SQLiteStore.campaignID(db, key: key),
            try String.fetchOne(
                db, sql: "SELECT platform FROM campaign WHERE id = ? AND auto_created = 1", arguments: [campaignID]
            )
            .map({ $0 != platform.rawValue }) == true
        {
            try SQLiteStore.saveForUndo(db, batchID: batchID, table: "campaign", rowid: campaignID)
        }
        guard try SQLiteStore.upsertSpend(db, spend, batchID: batchID) else {
            // A day a rename removed has a history: the batch that writes it again keeps its version there too.
            if try SQLiteStore.hasSpendHistory(SQLiteTransaction(db), key: recordKey) {
                try SQLiteStore.keepVersion(db, .spend, key: recordKey, batchID: batchID)
            }
            return .imported
        }
        try SQLiteStore.keepVersion(db, .spend, key: recordKey, batchID: batchID)
        return .updated
    }

    func moveRenamedSpend(_ spends: [Spend], accepting: Bool) throws -> [SpendRename] {
        let renames = try SQLiteStore.renamedSpend(SQLiteTransaction(db), spends)
        try SQLiteStore.refuseUnaccepted(renames, accepting: accepting)
        for rename in renames {
            for day in rename.days {
                let key = SQLiteStore.spendKey(day: day, campaignKey: rename.storedKey)
                try SQLiteStore.keepOwnerVersion(db, .spend, key: key)
                try SQLiteStore.removeRenamedSpend(SQLiteTransaction(db), key: key, batchID: batchID)
            }
        }
        return renames
    }

    /// Deals naming a contact this batch brought a lead for now point at the lead their reference resolves to.
    /// Records this batch found the same as another batch left them are this batch's versions too, so that undoing
    /// the other batch leaves them standing.
    func finish() throws {
        try buildDeferredIndexes()
        // Deals cannot arrive during an import of forms: with none naming a lead by reference, none to relink.
        if let writing,
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM deal WHERE lead_ref IS NOT NULL)") == true
        {
            try SQLiteStore.relinkDeals(
                db,
                references: SQLiteStore.references(
                    contacts: writing.contacts.sorted(), externalIDs: writing.externalIDs.sorted()),
                batchID: nil)
        }
        try SQLiteStore.keepFoundSame(db, foundSame, batchID: batchID)
        if let writing { try SQLiteStore.keepFoundSameRequests(db, writing.foundSame, batchID: batchID) }
    }
}

extension SQLiteStore {
    /// Points deals that name one of these contacts at the lead their reference resolves to now, saving each
    /// relinked deal for undo when a batch does it.
    ///
    /// A few references are looked up one by one; many (the end of an import of forms) in one pass over the deals
    /// that name a lead by reference, which costs what those deals cost rather than a query per contact.
    static func relinkDeals(_ db: Database, references: [String], batchID: Int64?) throws {
        guard !references.isEmpty else { return }
        var named: [Row] = []
        if references.count > 32 {
            let wanted = Set(references)
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT id, lead_id, lead_ref, created_at FROM deal WHERE lead_ref IS NOT NULL
                        ORDER BY lead_ref, id
                        """))
            while let row = try rows.next() {
                if wanted.contains(row["lead_ref"]) { named.append(row.copy()) }
            }
        } else {
            let statement = try db.cachedStatement(
                sql: "SELECT id, lead_id, lead_ref, created_at FROM deal WHERE lead_ref = ? ORDER BY id")
            for reference in references { named += try Row.fetchAll(statement, arguments: [reference]) }
        }
        for row in named {
            guard let parsed = leadReference(parsing: row["lead_ref"]) else { continue }
            let resolved = try resolveLead(db, parsed, at: Timestamp(microseconds: row["created_at"]))
            guard resolved != row["lead_id"] as Int64? else { continue }
            if let batchID { try saveForUndo(db, batchID: batchID, table: "deal", rowid: row["id"]) }
            try db.cachedStatement(sql: "UPDATE deal SET lead_id = ? WHERE id = ?").execute(
                arguments: [resolved, row["id"]])
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
                db, sql: LeadByContactSQL.latest(column),
                arguments: [value, time.microseconds, value, time.microseconds])
            {
                return latest
            }
            return try Int64.fetchOne(db, sql: LeadByContactSQL.earliest(column), arguments: [value, value])
        }
    }

    /// A deal's stored reference read back (one rule for every store: `LeadReference(hashText:)`).
    static func leadReference(parsing text: String) -> LeadReference? { LeadReference(hashText: text) }
}
