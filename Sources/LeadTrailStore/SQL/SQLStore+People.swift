import LeadTrailCore

/// A person's leads merged by hand, and a person forgotten on request, written once for both stores.
extension SQLStore {
    /// Moves everything of lead `other` to lead `keep` and deletes `other`; returns both leads' contacts
    /// (`email:…`, `phone:…`), which the store judges again after pointing `other` at `keep`.
    package static func mergeLeadRows(_ db: some SQLTransaction, keep: Int64, other: Int64) throws -> Set<String> {
        // Held in id order, so that two merges (or a merge and an undo) of the same leads never wait in a circle.
        for id in [keep, other].sorted() { try db.lockLead(id) }
        let kept = try requireLead(db, id: keep)
        let merged = try requireLead(db, id: other)
        // Both leads' requests are the kept lead's from now on, whatever the duplicate rule says, and so are
        // their contacts: the next request from the merged lead's phone or email is a repeat on the kept lead.
        let contacts = try db.fetchAll(
            sql: "SELECT email, phone FROM submission WHERE lead_id IN (?, ?)", arguments: [keep, other]
        ).flatMap { row in
            [(row["email"] as String?).map { "email:" + $0 }, (row["phone"] as String?).map { "phone:" + $0 }]
                .compactMap { $0 }
        }
        try db.execute(
            sql: "UPDATE submission SET lead_id = ?, pinned_lead = ? WHERE lead_id IN (?, ?)",
            arguments: [keep, keep, keep, other])
        try db.execute(
            sql: """
                INSERT INTO lead_visitor (lead_id, visitor, batch_id, by_hand)
                SELECT ?, visitor, batch_id, by_hand FROM lead_visitor WHERE lead_id = ? ON CONFLICT DO NOTHING
                """, arguments: [keep, other])
        try db.execute(sql: "UPDATE deal SET lead_id = ? WHERE lead_id = ?", arguments: [keep, other])
        try db.execute(
            sql: "UPDATE deal SET lead_ref = ? WHERE lead_ref = ?", arguments: ["id:\(keep)", "id:\(other)"])
        try db.execute(
            sql: "UPDATE lead_event SET lead_id = ? WHERE lead_id = ? AND kind <> 'duplicate'",
            arguments: [keep, other])
        // The kept lead keeps its own stage and history. When it has no move of its own (only its creation), the
        // merged lead's moves and stage become its own, so a rep's work on the merged lead is not lost (the rule
        // judging a retired lead again follows); when both have moves, the merged lead's are written into the merge
        // event, so that nothing it knew is lost either.
        let movesSQL =
            "SELECT to_stage, at, changed_by FROM stage_change WHERE lead_id = ? AND from_stage IS NOT NULL ORDER BY at, id"
        let keptMoves = try db.fetchAll(sql: movesSQL, arguments: [keep])
        let mergedMoves = try db.fetchAll(sql: movesSQL, arguments: [other])
        var mergedHistory = ""
        if keptMoves.isEmpty && !mergedMoves.isEmpty {
            try db.execute(
                sql: "UPDATE stage_change SET lead_id = ? WHERE lead_id = ? AND from_stage IS NOT NULL",
                arguments: [keep, other])
            try db.execute(sql: "UPDATE lead SET stage = ? WHERE id = ?", arguments: [merged.stage.rawValue, keep])
        } else if !mergedMoves.isEmpty {
            mergedHistory =
                "; its stage moves, not kept: "
                + mergedMoves.map { row in
                    let at = Timestamp(microseconds: row["at"] as Int64)
                    let by = (row["changed_by"] as String?).map { " by \($0)" } ?? ""
                    return "\(row["to_stage"] as String) at \(at)\(by)"
                }.joined(separator: ", ")
        }
        // The kept lead fills the contacts it lacks.
        try db.execute(
            sql: """
                UPDATE lead SET name = COALESCE(name, ?), email = COALESCE(email, ?), phone = COALESCE(phone, ?),
                                owner = COALESCE(owner, ?), external_id = COALESCE(external_id, ?),
                                owner_by_hand = CASE WHEN owner IS NULL THEN ? ELSE owner_by_hand END,
                                created_at = \(db.dialect.least("created_at", "?"))
                WHERE id = ?
                """,
            arguments: [
                merged.name, merged.email?.normalized, merged.phone?.e164, merged.owner, merged.externalID,
                merged.owner != nil, merged.createdAt.microseconds, keep,
            ])
        try db.execute(
            sql: "INSERT INTO lead_event (lead_id, at, kind, detail) VALUES (?, ?, 'merged', ?)",
            arguments: [
                keep, Timestamp.now().microseconds, "lead \(other) merged into lead \(kept.id)\(mergedHistory)",
            ])
        // Its creation is the earlier lead's: the first row of its history moves back with its created time.
        try db.execute(
            sql: """
                UPDATE stage_change SET at = (SELECT created_at FROM lead WHERE id = ?)
                WHERE lead_id = ? AND from_stage IS NULL AND at > (SELECT created_at FROM lead WHERE id = ?)
                """, arguments: [keep, keep, keep])
        try db.execute(sql: "DELETE FROM lead WHERE id = ?", arguments: [other])
        return Set(contacts)
    }

    /// Every contact any request gave (`email:…`, `phone:…`): judging them all again judges every person.
    package static var everyRequestContact: String {
        """
        SELECT 'email:' || email FROM submission WHERE email IS NOT NULL
        UNION SELECT 'phone:' || phone FROM submission WHERE phone IS NOT NULL
        """
    }

    /// Erases a person's personal data on request, everywhere it is kept (the lead, its requests, the copies kept
    /// for undoing imports); the lead keeps its times, stage and deals' money.
    package static func forgetLead(_ db: some SQLTransaction, id: Int64) throws {
        let lead = try requireLeadForWriting(db, id: id)
        guard lead.forgottenAt == nil else { throw StoreError.leadForgotten(id) }
        let now = Timestamp.now().microseconds
        try db.execute(
            sql: """
                UPDATE lead SET name = NULL, email = NULL, phone = NULL, external_id = NULL, fields = NULL,
                                forgotten_at = ?
                WHERE id = ?
                """, arguments: [now, id])
        // Deals keep their money; the contact that named the lead goes.
        let deals = try db.column(Int64.self, sql: "SELECT id FROM deal WHERE lead_id = ?", arguments: [id])
        try db.execute(sql: "UPDATE deal SET lead_ref = ? WHERE lead_id = ?", arguments: ["id:\(id)", id])
        // Copies kept for undoing imports must not keep the person either.
        let rowid = db.dialect.jsonInteger("row_data", key: "rowid")
        try db.execute(sql: "DELETE FROM batch_undo WHERE table_name = 'lead' AND \(rowid) = ?", arguments: [id])
        for deal in deals {
            try db.execute(sql: "DELETE FROM batch_undo WHERE table_name = 'deal' AND \(rowid) = ?", arguments: [deal])
        }
        // Each kept version of the person's deals names the lead by id instead.
        try db.execute(
            sql: """
                UPDATE batch_version SET content = \(db.dialect.jsonSettingText("content", key: "lead_ref"))
                WHERE table_name = 'deal' AND record_key IN (SELECT external_id FROM deal WHERE lead_id = ?)
                """, arguments: ["id:\(id)", id])
        try db.execute(sql: "UPDATE lead_event SET detail = NULL WHERE lead_id = ?", arguments: [id])
        // The requests keep their times and visitors, not the person: no contact leads to them any more.
        try db.execute(
            sql: """
                UPDATE submission SET name = NULL, email = NULL, phone = NULL, external_id = NULL, fields = NULL,
                                      owner = NULL
                WHERE lead_id = ?
                """, arguments: [id])
        try db.execute(
            sql: """
                DELETE FROM batch_undo
                WHERE table_name = 'submission' AND \(db.dialect.jsonInteger("row_data", key: "lead_id")) = ?
                """, arguments: [id])
        try db.execute(
            sql: "INSERT INTO lead_event (lead_id, at, kind, detail) VALUES (?, ?, 'forgotten', ?)",
            arguments: [id, now, "personal data erased on request"])
    }
}
