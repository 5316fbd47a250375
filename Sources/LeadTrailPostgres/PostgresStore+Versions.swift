#if Postgres
import Foundation
import LeadTrailCore
package import LeadTrailStore

/// The version history of keyed records on PostgreSQL (``SQLStore``'s rules, `SQLStore+Versions.swift`): the
/// versions in PostgreSQL's JSON functions. A version's content is `jsonb` text, so equal values are equal text.
extension PostgresStore {
    /// The keyed records whose versions `batch_version` keeps (``LeadTrailStore/VersionedTable``).
    package typealias VersionedTable = LeadTrailStore.VersionedTable

    /// The columns of a live row's version: content, extra and batch_id.
    private static func versionColumns(_ table: VersionedTable) -> String {
        switch table {
        case .touch:
            """
            jsonb_build_object('at', at, 'visitor', visitor, 'url', url, 'referrer', referrer,
                        'utm_source', utm_source, 'utm_medium', utm_medium, 'utm_campaign', utm_campaign,
                        'utm_content', utm_content, 'utm_term', utm_term, 'click_id_type', click_id_type,
                        'click_id', click_id, 'channel', channel, 'origin', origin,
                        'campaign', (SELECT key FROM campaign WHERE campaign.id = touch.campaign_id))::text AS content,
            NULL::text AS extra, touch.batch_id AS batch_id
            """
        case .spend:
            """
            (jsonb_build_object('amount_minor', spend.amount_minor, 'currency', spend.currency, 'platform', spend.platform,
                        'impressions', spend.impressions, 'reach', spend.reach, 'clicks', spend.clicks,
                        'engagements', spend.engagements)
             || jsonb_strip_nulls(jsonb_build_object('platform_campaign_id', spend.platform_campaign_id)))::text AS content,
            NULL::text AS extra, spend.batch_id AS batch_id
            """
        case .deal:
            """
            jsonb_build_object('lead_ref', deal.lead_ref, 'amount_minor', deal.amount_minor, 'currency', deal.currency,
                        'status', deal.status, 'created_at', deal.created_at, 'closed_at', deal.closed_at,
                        'content_hash', deal.content_hash,
                        'refunds', (SELECT coalesce(jsonb_agg(jsonb_build_array(amount_minor, at) ORDER BY id), '[]'::jsonb)
                                    FROM refund WHERE deal_id = deal.id AND batch_id IS NOT NULL))::text AS content,
            (SELECT coalesce(jsonb_agg(id ORDER BY id), '[]'::jsonb)
             FROM refund WHERE deal_id = deal.id AND batch_id IS NOT NULL)::text AS extra,
            deal.batch_id AS batch_id
            """
        }
    }

    /// The live row's version as (content, extra, batch_id) for one record key; its statement takes the key's parts.
    package static func versionSelect(_ table: VersionedTable) -> String {
        versionSelect(table, columns: versionColumns(table))
    }

    /// The live rows' versions, with their record keys, of the records listed in the JSON array bound first.
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
            SELECT DISTINCT ON (found.record_key) found.record_key AS record_key, \(versionColumns(table))
            FROM jsonb_to_recordset(?::jsonb) AS found(table_name text, record_key text) \(join)
            WHERE found.table_name = '\(table.rawValue)'
            """
    }

    /// Keeps, in a few statements, the records a batch found the same as other batches left them as its versions too
    /// (and each one's owner version, where not kept yet).
    static func keepFoundSame(
        _ db: SQLConnection, _ records: [(table: VersionedTable, key: String)], batchID: Int64
    ) throws {
        guard !records.isEmpty else { return }
        let list = records.map { ["table_name": $0.table.rawValue, "record_key": $0.key] }
        let json = try JSONArgument.text(list)
        for table in VersionedTable.allCases {
            try db.execute(
                sql: """
                    INSERT INTO batch_version (table_name, record_key, batch_id, content, extra)
                    SELECT '\(table.rawValue)', live.record_key, coalesce(live.batch_id, 0), live.content, live.extra
                    FROM (\(foundSameSelect(table))) AS live
                    ON CONFLICT DO NOTHING
                    """, arguments: [json])
            try db.execute(
                sql: """
                    INSERT INTO batch_version (table_name, record_key, batch_id, content, extra)
                    SELECT '\(table.rawValue)', live.record_key, ?, live.content, live.extra
                    FROM (\(foundSameSelect(table))) AS live
                    ON CONFLICT (table_name, record_key, batch_id)
                    DO UPDATE SET content = excluded.content, extra = excluded.extra
                    """, arguments: [batchID, json])
        }
    }

    /// The arguments that name one record in `versionSelect` and the other per-record statements.
    static func keyArguments(_ table: VersionedTable, _ key: String) -> [(any SQLBindable)?] {
        recordKeyArguments(table, key)
    }

    /// Keeps the live row as the version of the batch that owns it (0: written by hand), unless it is kept already.
    static func keepOwnerVersion(_ db: SQLConnection, _ table: VersionedTable, key: String) throws {
        try db.execute(
            sql: """
                INSERT INTO batch_version (table_name, record_key, batch_id, content, extra)
                SELECT '\(table.rawValue)', ?, coalesce(live.batch_id, 0), live.content, live.extra
                FROM (\(versionSelect(table))) AS live
                ON CONFLICT DO NOTHING
                """, arguments: [key] + keyArguments(table, key))
    }

    /// Keeps the live row as `batchID`'s version (after the batch wrote it, or found it the same).
    static func keepVersion(_ db: SQLConnection, _ table: VersionedTable, key: String, batchID: Int64) throws {
        try db.execute(
            sql: """
                INSERT INTO batch_version (table_name, record_key, batch_id, content, extra)
                SELECT '\(table.rawValue)', ?, ?, live.content, live.extra
                FROM (\(versionSelect(table))) AS live
                ON CONFLICT (table_name, record_key, batch_id)
                DO UPDATE SET content = excluded.content, extra = excluded.extra
                """, arguments: [key, batchID] + keyArguments(table, key))
    }

    /// Writes a kept version back into its live row, owned by `owner` (0: by hand).
    package static func restoreVersion(
        _ db: SQLConnection, _ table: VersionedTable, key: String, content: String, extra: String?, owner: Int64
    ) throws {
        let batch: Int64? = owner == 0 ? nil : owner
        switch table {
        case .touch:
            var campaign: Int64?
            if let campaignKey = try db.value(String.self, sql: "SELECT ?::jsonb->>'campaign'", arguments: [content]) {
                let source = try db.value(String.self, sql: "SELECT ?::jsonb->>'utm_source'", arguments: [content])
                let medium = try db.value(String.self, sql: "SELECT ?::jsonb->>'utm_medium'", arguments: [content])
                let name = try db.value(String.self, sql: "SELECT ?::jsonb->>'utm_campaign'", arguments: [content])
                campaign =
                    try Normalize.key(campaignKey).flatMap { try keptCampaignID(db, key: $0) }
                    ?? resolveCampaign(
                        db, name: name ?? campaignKey, platform: Platform.inferred(source: source, medium: medium),
                        batchID: batch)
            }
            let columns = [
                "at", "visitor", "url", "referrer", "utm_source", "utm_medium", "utm_campaign", "utm_content",
                "utm_term", "click_id_type", "click_id", "channel", "origin",
            ].joined(separator: ", ")
            try db.execute(
                sql: """
                    UPDATE touch SET (\(columns)) = (SELECT \(columns) FROM jsonb_populate_record(NULL::touch, ?::jsonb)),
                                     campaign_id = ?, batch_id = ?
                    WHERE record_key = ?
                    """, arguments: [content, campaign, batch, key])
        case .spend:
            // Written back, or inserted again where a rename removed the day (``SQLStore/removeRenamedSpend``).
            let columns = [
                "amount_minor", "currency", "platform", "impressions", "reach", "clicks", "engagements",
                "platform_campaign_id",
            ]
            let values = columns.map { "version.\($0)" }.joined(separator: ", ")
            let sets = (columns + ["batch_id"]).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            try db.execute(
                sql: """
                    INSERT INTO spend (day, campaign_id, \(columns.joined(separator: ", ")), batch_id)
                    SELECT ?, campaign.id, \(values), ?::bigint
                    FROM campaign, jsonb_populate_record(NULL::spend, ?::jsonb) AS version
                    WHERE campaign.key = ?
                    ON CONFLICT (day, campaign_id) DO UPDATE SET \(sets)
                    """,
                arguments: [recordKeyParts(table, key).first, batch, content, recordKeyParts(table, key).last])
        case .deal:
            guard let dealID = try db.value(Int64.self, sql: "SELECT id FROM deal WHERE external_id = ?", arguments: [key])
            else { return }
            let columns = "lead_ref, amount_minor, currency, status, created_at, closed_at, content_hash"
            try db.execute(
                sql: """
                    UPDATE deal SET (\(columns)) = (SELECT \(columns) FROM jsonb_populate_record(NULL::deal, ?::jsonb)),
                                    batch_id = ?
                    WHERE id = ?
                    """, arguments: [content, batch, dealID])
            try relinkDeal(db, id: dealID)
            try db.execute(sql: "DELETE FROM refund WHERE deal_id = ? AND batch_id IS NOT NULL", arguments: [dealID])
            // The refunds come back under their old ids where those are free.
            let refunds = try db.fetchAll(
                sql: """
                    SELECT (refunds.value->>0)::bigint AS amount_minor, (refunds.value->>1)::bigint AS at,
                           (ids.value #>> '{}')::bigint AS old_id
                    FROM jsonb_array_elements(?::jsonb->'refunds') WITH ORDINALITY AS refunds(value, n)
                    LEFT JOIN jsonb_array_elements(?::jsonb) WITH ORDINALITY AS ids(value, n) ON ids.n = refunds.n
                    ORDER BY refunds.n
                    """, arguments: [content, extra ?? "[]"])
            for refund in refunds {
                let amount: Int64 = refund["amount_minor"]
                let at: Int64 = refund["at"]
                if let old = refund["old_id"] as Int64?,
                    try db.value(Int64.self, sql: "SELECT 1 FROM refund WHERE id = ?", arguments: [old]) == nil
                {
                    try db.execute(
                        sql: "INSERT INTO refund (id, deal_id, amount_minor, at, batch_id) VALUES (?, ?, ?, ?, ?)",
                        arguments: [old, dealID, amount, at, batch])
                } else {
                    try db.execute(
                        sql: "INSERT INTO refund (deal_id, amount_minor, at, batch_id) VALUES (?, ?, ?, ?)",
                        arguments: [dealID, amount, at, batch])
                }
            }
        }
    }

    /// Points a deal that names its lead by a reference at the lead that reference resolves to now.
    static func relinkDeal(_ db: SQLConnection, id: Int64) throws {
        guard let row = try db.fetchOne(sql: "SELECT lead_ref, created_at FROM deal WHERE id = ?", arguments: [id]),
            let text = row["lead_ref"] as String?, let reference = leadReference(parsing: text)
        else { return }
        let lead = try resolveLead(db, reference, at: Timestamp(microseconds: row["created_at"]))
        try db.execute(sql: "UPDATE deal SET lead_id = ? WHERE id = ?", arguments: [lead, id])
    }
}
#endif
