import LeadTrailCore

/// What undoing an import must look at first, written once for both stores: the work done by hand that it would
/// remove, and the campaigns its records name.
extension SQLStore {
    /// The work done by hand on what a batch brought, which undoing it would remove: stage moves, owners, deals added
    /// from the CLI and merges on its leads, its deals closed or reopened by hand, refunds recorded on its deals. One
    /// phrase each, in lead order.
    package static func manualWork(_ db: some SQLTransaction, batchID: Int64) throws -> [String] {
        var work: [String] = []
        let leads = "SELECT id FROM lead WHERE batch_id = ?"
        for row in try db.fetchAll(
            sql: """
                SELECT lead_id, to_stage, changed_by FROM stage_change
                WHERE from_stage IS NOT NULL AND lead_id IN (\(leads)) ORDER BY lead_id, at, id
                """, arguments: [batchID])
        {
            let by = (row["changed_by"] as String?).map { " by \($0)" } ?? ""
            work.append("lead \(row["lead_id"] as Int64) stage \(row["to_stage"] as String)\(by)")
        }
        for row in try db.fetchAll(
            sql: "SELECT id, owner FROM lead WHERE batch_id = ? AND owner IS NOT NULL ORDER BY id",
            arguments: [batchID])
        {
            work.append("lead \(row["id"] as Int64) owner \(row["owner"] as String)")
        }
        for row in try db.fetchAll(
            sql:
                "SELECT lead_id, detail FROM lead_event WHERE kind = 'merged' AND lead_id IN (\(leads)) ORDER BY lead_id, id",
            arguments: [batchID])
        {
            work.append((row["detail"] as String?) ?? "a lead merged into lead \(row["lead_id"] as Int64)")
        }
        for deal in try db.column(
            Int64.self, sql: "SELECT id FROM deal WHERE batch_id IS NULL AND lead_id IN (\(leads)) ORDER BY id",
            arguments: [batchID])
        {
            work.append("deal \(deal) added by hand")
        }
        // A deal the batch brought that someone closed or reopened by hand (`deal won|lost|reopen`): undoing the
        // batch removes the deal, or gives back the status an earlier batch said.
        for row in try db.fetchAll(
            sql: "SELECT id, status FROM deal WHERE batch_id = ? AND status_by_hand = 1 ORDER BY id",
            arguments: [batchID])
        {
            let status = row["status"] as String
            work.append("deal \(row["id"] as Int64) \(status == "open" ? "reopened" : status) by hand")
        }
        // A refund recorded by hand on a deal the batch brought goes with the deal.
        for deal in try db.column(
            Int64.self,
            sql: """
                SELECT DISTINCT deal.id FROM deal JOIN refund ON refund.deal_id = deal.id
                WHERE deal.batch_id = ? AND refund.batch_id IS NULL ORDER BY deal.id
                """, arguments: [batchID])
        {
            work.append("deal \(deal) refund by hand")
        }
        return work
    }

    /// The campaigns a batch's records name: those it created, and those its rows and versions point at.
    package static func campaignsNamed(_ db: some SQLTransaction, batchID: Int64) throws -> Set<Int64> {
        Set(
            try db.column(
                Int64.self,
                sql: """
                    SELECT id FROM campaign WHERE batch_id = ?1
                    UNION SELECT campaign_id FROM touch WHERE batch_id = ?1 AND campaign_id IS NOT NULL
                    UNION SELECT campaign_id FROM spend WHERE batch_id = ?1
                    UNION SELECT campaign.id FROM batch_version JOIN campaign
                        ON campaign.key = \(db.dialect.jsonText("batch_version.content", key: "campaign"))
                        WHERE batch_version.batch_id = ?1 AND batch_version.table_name = 'touch'
                    UNION SELECT campaign.id FROM batch_version JOIN campaign
                        ON campaign.key = substr(batch_version.record_key, 12)
                        WHERE batch_version.batch_id = ?1 AND batch_version.table_name = 'spend'
                    """, arguments: [batchID]))
    }

    /// Removes the auto-created campaigns among `candidates` that no standing batch names any more.
    ///
    /// On PostgreSQL each is first locked `FOR UPDATE`: `touch.campaign_id` has no foreign key there (schema 14), and
    /// the writers naming a campaign hold it `FOR KEY SHARE` to their end, so the lock waits for them and the
    /// `DELETE` after it (a statement of its own, with its own snapshot) sees the rows they wrote.
    package static func dropUnnamedCampaigns(_ db: some SQLTransaction, candidates: Set<Int64>) throws {
        for campaign in candidates.sorted() {
            if db.dialect == .postgres {
                _ = try db.value(
                    Int64.self, sql: "SELECT id FROM campaign WHERE id = ? FOR UPDATE", arguments: [campaign])
            }
            try db.execute(
                sql: """
                    DELETE FROM campaign WHERE id = ? AND auto_created = 1 AND batch_id IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM touch WHERE campaign_id = campaign.id)
                      AND NOT EXISTS (SELECT 1 FROM spend WHERE campaign_id = campaign.id)
                      AND NOT EXISTS (SELECT 1 FROM batch_version WHERE table_name = 'touch'
                                      AND \(db.dialect.jsonText("content", key: "campaign")) = campaign.key)
                      AND NOT EXISTS (SELECT 1 FROM batch_version WHERE table_name = 'spend'
                                      AND substr(record_key, 12) = campaign.key)
                    """, arguments: [campaign])
        }
    }
}
