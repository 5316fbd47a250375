import GRDB
public import LeadTrailCore

extension SQLiteStore {
    public func mergeLeads(keep: Int64, other: Int64) throws {
        guard keep != other else { throw StoreError.mergeSelf(keep) }
        try write { db in
            let kept = try Self.requireLead(db, id: keep)
            let merged = try Self.requireLead(db, id: other)
            try db.execute(
                sql: """
                    INSERT INTO lead_visitor (lead_id, visitor, batch_id)
                    SELECT ?, visitor, batch_id FROM lead_visitor WHERE lead_id = ? ON CONFLICT DO NOTHING
                    """, arguments: [keep, other])
            try db.execute(sql: "UPDATE deal SET lead_id = ? WHERE lead_id = ?", arguments: [keep, other])
            try db.execute(sql: "UPDATE submission SET lead_id = ? WHERE lead_id = ?", arguments: [keep, other])
            try db.execute(sql: "UPDATE lead_event SET lead_id = ? WHERE lead_id = ?", arguments: [keep, other])
            // The kept lead fills the contacts it lacks; it keeps its own stage and history.
            try db.execute(
                sql: """
                    UPDATE lead SET name = COALESCE(name, ?), email = COALESCE(email, ?), phone = COALESCE(phone, ?),
                                    owner = COALESCE(owner, ?), external_id = COALESCE(external_id, ?),
                                    created_at = MIN(created_at, ?)
                    WHERE id = ?
                    """,
                arguments: [
                    merged.name, merged.email?.normalized, merged.phone?.e164, merged.owner, merged.externalID,
                    merged.createdAt.microseconds, keep,
                ])
            try db.execute(
                sql: "INSERT INTO lead_event (lead_id, at, kind, detail) VALUES (?, ?, 'merged', ?)",
                arguments: [keep, Timestamp.now().microseconds, "lead \(other) merged into lead \(kept.id)"])
            try db.execute(sql: "DELETE FROM lead WHERE id = ?", arguments: [other])
        }
    }

    public func forgetLead(_ id: Int64) throws {
        try write { db in
            let lead = try Self.requireLead(db, id: id)
            guard lead.forgottenAt == nil else { throw StoreError.leadForgotten(id) }
            let now = Timestamp.now().microseconds
            try db.execute(
                sql: """
                    UPDATE lead SET name = NULL, email = NULL, phone = NULL, external_id = NULL, fields = NULL,
                                    forgotten_at = ?
                    WHERE id = ?
                    """, arguments: [now, id])
            // Deals keep their money; the contact that named the lead goes.
            let deals = try Int64.fetchAll(db, sql: "SELECT id FROM deal WHERE lead_id = ?", arguments: [id])
            try db.execute(sql: "UPDATE deal SET lead_ref = ? WHERE lead_id = ?", arguments: ["id:\(id)", id])
            // Copies kept for undoing imports must not keep the person either.
            try db.execute(
                sql: "DELETE FROM batch_undo WHERE table_name = 'lead' AND json_extract(row_data, '$.rowid') = ?",
                arguments: [id])
            for deal in deals {
                try db.execute(
                    sql: "DELETE FROM batch_undo WHERE table_name = 'deal' AND json_extract(row_data, '$.rowid') = ?",
                    arguments: [deal])
            }
            try Self.forgetInVersions(db, leadID: id)
            try db.execute(
                sql: "UPDATE lead_event SET detail = NULL WHERE lead_id = ?", arguments: [id])
            try db.execute(
                sql: "INSERT INTO lead_event (lead_id, at, kind, detail) VALUES (?, ?, 'forgotten', ?)",
                arguments: [id, now, "personal data erased on request"])
        }
    }
}
