import GRDB
import LeadTrailCore

/// The version history of keyed records on SQLite (``SQLStore``'s rules, `SQLStore+Versions.swift`): the versions
/// in SQLite's JSON functions, and the cached statements an import keeps them with.
extension SQLiteStore {
    /// The columns of a live row's version: content, extra and batch_id.
    private static func versionColumns(_ table: VersionedTable) -> String {
        switch table {
        case .touch:
            """
            json_object('at', at, 'visitor', visitor, 'url', url, 'referrer', referrer,
                        'utm_source', utm_source, 'utm_medium', utm_medium, 'utm_campaign', utm_campaign,
                        'utm_content', utm_content, 'utm_term', utm_term, 'click_id_type', click_id_type,
                        'click_id', click_id, 'channel', channel, 'origin', origin,
                        'campaign', (SELECT key FROM campaign WHERE campaign.id = touch.campaign_id)) AS content,
            NULL AS extra, touch.batch_id AS batch_id
            """
        case .spend:
            """
            json_patch(
                json_object('amount_minor', spend.amount_minor, 'currency', spend.currency, 'platform', spend.platform,
                            'impressions', spend.impressions, 'reach', spend.reach, 'clicks', spend.clicks,
                            'engagements', spend.engagements),
                json_object('platform_campaign_id', spend.platform_campaign_id)) AS content,
            NULL AS extra, spend.batch_id AS batch_id
            """
        case .deal:
            """
            json_object('lead_ref', deal.lead_ref, 'amount_minor', deal.amount_minor, 'currency', deal.currency,
                        'status', deal.status, 'created_at', deal.created_at, 'closed_at', deal.closed_at,
                        'content_hash', deal.content_hash,
                        'refunds', json((SELECT json_group_array(json_array(amount_minor, at)) FROM
                            (SELECT amount_minor, at FROM refund
                             WHERE deal_id = deal.id AND batch_id IS NOT NULL ORDER BY id)))) AS content,
            (SELECT json_group_array(id) FROM
                (SELECT id FROM refund WHERE deal_id = deal.id AND batch_id IS NOT NULL ORDER BY id)) AS extra,
            deal.batch_id AS batch_id
            """
        }
    }

    /// The live row's version as (content, extra, batch_id) for one record key; its statement takes the key's parts.
    package static func versionSelect(_ table: VersionedTable) -> String {
        versionSelect(table, columns: versionColumns(table))
    }

    /// The live rows' versions, with their record keys, of the records listed in `temp.found_same`.
    private static func foundSameSelect(_ table: VersionedTable) -> String {
        let join =
            switch table {
            case .touch: "JOIN touch ON touch.record_key = found.record_key"
            case .spend:
                """
                JOIN campaign ON campaign.key = substr(found.record_key, 12)
                JOIN spend ON spend.day = substr(found.record_key, 1, 10) AND spend.campaign_id = campaign.id
                """
            case .deal: "JOIN deal ON deal.external_id = found.record_key"
            }
        return """
            SELECT found.record_key AS record_key, \(versionColumns(table)) FROM temp.found_same AS found \(join)
            WHERE found.table_name = '\(table.rawValue)'
            """
    }

    /// Keeps, in a few statements, the records a batch found the same as other batches left them as its versions too
    /// (and each one's owner version, where not kept yet).
    static func keepFoundSame(_ db: Database, _ records: [(table: VersionedTable, key: String)], batchID: Int64) throws {
        guard !records.isEmpty else { return }
        try db.execute(
            sql: """
                CREATE TEMP TABLE IF NOT EXISTS found_same (
                    table_name TEXT NOT NULL, record_key TEXT NOT NULL, PRIMARY KEY (table_name, record_key)
                ) WITHOUT ROWID
                """)
        try db.execute(sql: "DELETE FROM temp.found_same")
        let note = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.found_same VALUES (?, ?)")
        for record in records { try note.execute(arguments: [record.table.rawValue, record.key]) }
        for table in VersionedTable.allCases {
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO batch_version (table_name, record_key, batch_id, content, extra)
                    SELECT '\(table.rawValue)', live.record_key, coalesce(live.batch_id, 0), live.content, live.extra
                    FROM (\(foundSameSelect(table))) AS live
                    """)
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO batch_version (table_name, record_key, batch_id, content, extra)
                    SELECT '\(table.rawValue)', live.record_key, ?, live.content, live.extra
                    FROM (\(foundSameSelect(table))) AS live
                    """, arguments: [batchID])
        }
        try db.execute(sql: "DELETE FROM temp.found_same")
    }

    /// The arguments that name one record in `versionSelect` and the other per-record statements.
    static func keyArguments(_ table: VersionedTable, _ key: String) -> StatementArguments {
        StatementArguments(recordKeyParts(table, key))
    }

    /// Keeps the live row as the version of the batch that owns it (0: written by hand), unless it is kept already.
    static func keepOwnerVersion(_ db: Database, _ table: VersionedTable, key: String) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO batch_version (table_name, record_key, batch_id, content, extra)
                SELECT '\(table.rawValue)', ?, coalesce(live.batch_id, 0), live.content, live.extra
                FROM (\(versionSelect(table))) AS live
                """)
        try statement.execute(arguments: [key] + keyArguments(table, key))
    }

    /// Keeps the live row as `batchID`'s version (after the batch wrote it, or found it the same).
    static func keepVersion(_ db: Database, _ table: VersionedTable, key: String, batchID: Int64) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO batch_version (table_name, record_key, batch_id, content, extra)
                SELECT '\(table.rawValue)', ?, ?, live.content, live.extra
                FROM (\(versionSelect(table))) AS live
                """)
        try statement.execute(arguments: [key, batchID] + keyArguments(table, key))
    }

    package static func restoreVersion(
        _ db: SQLiteTransaction, _ table: VersionedTable, key: String, content: String, extra: String?, owner: Int64
    ) throws {
        try restore(db.db, table, key: key, content: content, extra: extra, owner: owner)
    }

    /// Writes a kept version back into its live row, owned by `owner` (0: by hand).
    private static func restore(
        _ db: Database, _ table: VersionedTable, key: String, content: String, extra: String?, owner: Int64
    ) throws {
        let batch: Int64? = owner == 0 ? nil : owner
        switch table {
        case .touch:
            var campaign: Int64?
            if let campaignKey = try String.fetchOne(
                db, sql: "SELECT json_extract(?, '$.campaign')", arguments: [content])
            {
                let source = try String.fetchOne(db, sql: "SELECT json_extract(?, '$.utm_source')", arguments: [content])
                let medium = try String.fetchOne(db, sql: "SELECT json_extract(?, '$.utm_medium')", arguments: [content])
                let name = try String.fetchOne(db, sql: "SELECT json_extract(?, '$.utm_campaign')", arguments: [content])
                campaign =
                    try campaignID(db, key: campaignKey)
                    ?? resolveCampaign(
                        db, name: name ?? campaignKey, platform: Platform.inferred(source: source, medium: medium),
                        batchID: batch)
            }
            let columns = [
                "at", "visitor", "url", "referrer", "utm_source", "utm_medium", "utm_campaign", "utm_content",
                "utm_term", "click_id_type", "click_id", "channel", "origin",
            ]
            let sets = columns.map { "\($0) = json_extract(:content, '$.\($0)')" }.joined(separator: ", ")
            try db.execute(
                sql: "UPDATE touch SET \(sets), campaign_id = :campaign, batch_id = :batch WHERE record_key = :key",
                arguments: ["content": content, "campaign": campaign, "batch": batch, "key": key])
        case .spend:
            // Written back, or inserted again where a rename removed the day (``SQLStore/removeRenamedSpend``).
            let columns = [
                "amount_minor", "currency", "platform", "impressions", "reach", "clicks", "engagements",
                "platform_campaign_id",
            ]
            let values = columns.map { "json_extract(:content, '$.\($0)')" }.joined(separator: ", ")
            let sets = (columns + ["batch_id"]).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            let parts = recordKeyParts(table, key)
            try db.execute(
                sql: """
                    INSERT INTO spend (day, campaign_id, \(columns.joined(separator: ", ")), batch_id)
                    SELECT :day, campaign.id, \(values), :batch FROM campaign WHERE campaign.key = :campaign
                    ON CONFLICT (day, campaign_id) DO UPDATE SET \(sets)
                    """,
                arguments: ["content": content, "day": parts.first, "batch": batch, "campaign": parts.last])
        case .deal:
            guard let dealID = try Int64.fetchOne(db, sql: "SELECT id FROM deal WHERE external_id = ?", arguments: [key])
            else { return }
            let columns = ["lead_ref", "amount_minor", "currency", "status", "created_at", "closed_at", "content_hash"]
            let sets = columns.map { "\($0) = json_extract(?, '$.\($0)')" }.joined(separator: ", ")
            try db.execute(
                sql: "UPDATE deal SET \(sets), batch_id = ? WHERE id = ?",
                arguments: StatementArguments(Array(repeating: content, count: columns.count)) + [batch, dealID])
            try relinkDeal(db, id: dealID)
            try db.execute(
                sql: "DELETE FROM refund WHERE deal_id = ? AND batch_id IS NOT NULL", arguments: [dealID])
            // The refunds come back under their old ids where those are free.
            try db.execute(
                sql: """
                    INSERT INTO refund (id, deal_id, amount_minor, at, batch_id)
                    SELECT CASE WHEN ids.value IS NOT NULL AND NOT EXISTS (SELECT 1 FROM refund WHERE id = ids.value)
                                THEN ids.value END,
                           ?, json_extract(refunds.value, '$[0]'), json_extract(refunds.value, '$[1]'), ?
                    FROM json_each(json_extract(?, '$.refunds')) AS refunds
                    LEFT JOIN json_each(?) AS ids ON ids.key = refunds.key
                    ORDER BY refunds.key
                    """, arguments: [dealID, batch, content, extra ?? "[]"])
        }
    }

    /// Points a deal that names its lead by a reference at the lead that reference resolves to now.
    static func relinkDeal(_ db: Database, id: Int64) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT lead_ref, created_at FROM deal WHERE id = ?", arguments: [id]),
            let text = row["lead_ref"] as String?, let reference = leadReference(parsing: text)
        else { return }
        let lead = try resolveLead(db, reference, at: Timestamp(microseconds: row["created_at"]))
        try db.execute(sql: "UPDATE deal SET lead_id = ? WHERE id = ?", arguments: [lead, id])
    }
}
