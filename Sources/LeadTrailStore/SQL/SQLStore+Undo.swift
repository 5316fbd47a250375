import LeadTrailCore

/// What undoing a batch does to the work done by hand on what it brought (``SQLStore/manualWork(_:batchID:)``).
package struct ManualWork: Sendable {
    /// The hand work the undo removes, one phrase each: it refuses without `--force`.
    package var removed: [String] = []
    /// The hand work on the batch's records that the undo leaves standing (it came before the batch).
    package var kept: [String] = []
    /// Deals the undo gives back an import's status: their mark of a status set by hand goes.
    package var statusesUndone: [Int64] = []
    /// Deals that stay, but no longer won enough to carry their refunds by hand: those go.
    package var refundsUndone: [Int64] = []
}

/// What undoing an import must look at first, written once for both stores: the work done by hand that it would
/// remove, and the campaigns its records name.
extension SQLStore {
    /// The work done by hand on what a batch brought: what undoing it would remove — stage moves, owners, deals added
    /// from the CLI and merges on its leads, a status set by hand (`deal won|lost|reopen`) or refunds recorded by hand
    /// on a deal that goes with the batch or goes back to an earlier batch's status — and what it leaves standing: the
    /// hand work on a deal the batch only updated, which the undo gives back as it was before the batch. One phrase
    /// each, in lead and deal order.
    package static func manualWork(_ db: some SQLTransaction, batchID: Int64) throws -> ManualWork {
        var work = ManualWork()
        let leads = "SELECT id FROM lead WHERE batch_id = ?"
        for row in try db.fetchAll(
            sql: """
                SELECT lead_id, to_stage, changed_by FROM stage_change
                WHERE from_stage IS NOT NULL AND lead_id IN (\(leads)) ORDER BY lead_id, at, id
                """, arguments: [batchID])
        {
            let by = (row["changed_by"] as String?).map { " by \($0)" } ?? ""
            work.removed.append("lead \(row["lead_id"] as Int64) stage \(row["to_stage"] as String)\(by)")
        }
        for row in try db.fetchAll(
            sql: "SELECT id, owner FROM lead WHERE batch_id = ? AND owner IS NOT NULL ORDER BY id",
            arguments: [batchID])
        {
            work.removed.append("lead \(row["id"] as Int64) owner \(row["owner"] as String)")
        }
        for row in try db.fetchAll(
            sql:
                "SELECT lead_id, detail FROM lead_event WHERE kind = 'merged' AND lead_id IN (\(leads)) ORDER BY lead_id, id",
            arguments: [batchID])
        {
            work.removed.append((row["detail"] as String?) ?? "a lead merged into lead \(row["lead_id"] as Int64)")
        }
        for deal in try db.column(
            Int64.self, sql: "SELECT id FROM deal WHERE batch_id IS NULL AND lead_id IN (\(leads)) ORDER BY id",
            arguments: [batchID])
        {
            work.removed.append("deal \(deal) added by hand")
        }
        try dealHandWork(db, batchID: batchID, into: &work)
        return work
    }

    /// The hand work on the deals a batch wrote (`deal won|lost|reopen`, `deal refund`), judged by what undoing the
    /// batch does to each deal: a deal only the batch brought goes, with all of it; a deal it updated becomes the
    /// latest version still standing (``undoVersions(_:batchID:)``), which keeps a status set by hand before the
    /// batch (that version holds it) and loses one set after it; refunds by hand stay while the deal stays won with
    /// an amount that covers them.
    private static func dealHandWork(_ db: some SQLTransaction, batchID: Int64, into work: inout ManualWork) throws {
        let importedRefunds =
            switch db.dialect {
            case .sqlite: "(SELECT coalesce(sum(json_extract(value, '$[0]')), 0) FROM json_each(content, '$.refunds'))"
            case .postgres:
                "(SELECT coalesce(sum((value->>0)::bigint), 0)::bigint FROM json_array_elements(content::json->'refunds'))"
            }
        let deals = try db.fetchAll(
            sql: """
                SELECT id, external_id, status, status_by_hand, batch_id FROM deal
                WHERE (batch_id = ?1 OR external_id IN (SELECT record_key FROM batch_version
                                                        WHERE table_name = 'deal' AND batch_id = ?1))
                  AND (status_by_hand = 1
                       OR EXISTS (SELECT 1 FROM refund WHERE refund.deal_id = deal.id AND refund.batch_id IS NULL))
                ORDER BY id
                """, arguments: [batchID])
        for deal in deals {
            let id: Int64 = deal["id"]
            let status: String = deal["status"]
            let byHand = deal["status_by_hand"] as Int64 == 1
            let statusPhrase = "deal \(id) \(status == "open" ? "reopened" : status) by hand"
            let handRefunds = try db.fetchAll(
                sql: """
                    SELECT refund.id AS id, refund.amount_minor AS amount_minor, deal.currency AS currency
                    FROM refund JOIN deal ON deal.id = refund.deal_id
                    WHERE refund.deal_id = ? AND refund.batch_id IS NULL ORDER BY refund.at, refund.id
                    """,
                arguments: [id])
            let refundPhrases = try handRefunds.map { row in
                let amount = Money(minorUnits: row["amount_minor"], currency: try Currency(code: row["currency"]))
                return "deal \(id) refund \(row["id"] as Int64) of \(amount.amountText) \(amount.currency.code) by hand"
            }
            // The version the undo gives the deal back, if one stands: the latest of another batch (0: by hand).
            let standing = try (deal["external_id"] as String?).flatMap { key in
                try db.fetchOne(
                    sql: """
                        SELECT content, \(db.dialect.jsonText("content", key: "status")) AS status,
                               \(db.dialect.jsonInteger("content", key: "amount_minor")) AS amount_minor,
                               \(importedRefunds) AS imported_refunds
                        FROM batch_version WHERE table_name = 'deal' AND record_key = ? AND batch_id <> ?
                        ORDER BY batch_id DESC LIMIT 1
                        """, arguments: [key, batchID])
            }
            guard let standing else {
                // Only this batch brought the deal: it goes, and all the hand work on it.
                if deal["batch_id"] as Int64? == batchID {
                    if byHand { work.removed.append(statusPhrase) }
                    work.removed += refundPhrases
                } else {
                    if byHand { work.kept.append(statusPhrase) }
                    work.kept += refundPhrases
                }
                continue
            }
            let restoredStatus: String = standing["status"]
            if byHand, restoredStatus != status {
                work.removed.append(statusPhrase + " (back to \(restoredStatus), as an earlier import said)")
                work.statusesUndone.append(id)
            } else if byHand {
                work.kept.append(statusPhrase)
            }
            guard !handRefunds.isEmpty else { continue }
            let handTotal = handRefunds.reduce(Int64(0)) { $0 &+ ($1["amount_minor"] as Int64) }
            let restoredAmount: Int64 = standing["amount_minor"]
            let imported: Int64 = standing["imported_refunds"]
            if restoredStatus != DealStatus.won.rawValue || handTotal &+ imported > restoredAmount {
                work.removed += refundPhrases
                work.refundsUndone.append(id)
            } else {
                work.kept += refundPhrases
            }
        }
    }

    /// Takes back the hand work on deals that ``manualWork(_:batchID:)`` found the undo removes from a deal that
    /// stays: the mark of a status set by hand the deal no longer has, and refunds it can no longer carry.
    package static func dropUndoneHandWork(_ db: some SQLTransaction, _ work: ManualWork) throws {
        for deal in work.statusesUndone {
            try db.execute(sql: "UPDATE deal SET status_by_hand = 0 WHERE id = ?", arguments: [deal])
        }
        for deal in work.refundsUndone {
            try db.execute(sql: "DELETE FROM refund WHERE deal_id = ? AND batch_id IS NULL", arguments: [deal])
        }
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
