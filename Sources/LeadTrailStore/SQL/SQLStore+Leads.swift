package import LeadTrailCore

/// Leads, written once for both stores: reading one (or why it is gone), a lead's person and visitors, and the
/// small changes a rep makes by hand.
extension SQLStore {
    package static func requireLead(_ db: some SQLTransaction, id: Int64) throws -> Lead {
        guard let row = try db.fetchOne(sql: "SELECT * FROM lead WHERE id = ?", arguments: [id]) else {
            if let moved = try db.fetchOne(
                sql: "SELECT now_lead_id, reason FROM lead_redirect WHERE lead_id = ?", arguments: [id])
            {
                let merged = moved["reason"] as String == "merged"
                let target: Int64 = moved["now_lead_id"]
                // The lead it went into may have gone since, with an undone import (`imports undo --force`).
                guard
                    try db.value(Int64.self, sql: "SELECT id FROM lead WHERE id = ?", arguments: [target]) != nil
                        || db.value(
                            Int64.self, sql: "SELECT now_lead_id FROM lead_redirect WHERE lead_id = ?",
                            arguments: [target]) != nil
                else { throw StoreError.leadTargetRemoved(id, into: target, merged: merged) }
                throw merged ? StoreError.leadMerged(id, into: target) : StoreError.leadBecameRepeat(id, on: target)
            }
            throw StoreError.unknownLead(id)
        }
        return try lead(row: row)
    }

    /// ``requireLead(_:id:)`` for a change made by hand: the lead's row is held first, so the change waits for an
    /// `imports undo` removing the lead (and then finds it gone) rather than landing on a lead the undo already
    /// judged free of hand work.
    package static func requireLeadForWriting(_ db: some SQLTransaction, id: Int64) throws -> Lead {
        try db.lockLead(id)
        return try requireLead(db, id: id)
    }

    package static func lead(row: SQLRow) throws -> Lead {
        Lead(
            id: row["id"], createdAt: Timestamp(microseconds: row["created_at"]), name: row["name"],
            email: try (row["email"] as String?).map { try Email(parsing: $0) },
            phone: (row["phone"] as String?).map(Phone.init(stored:)), form: row["form"],
            source: row["source"], owner: row["owner"], stage: Stage(rawValue: row["stage"]) ?? .new,
            externalID: row["external_id"], fieldsJSON: row["fields"],
            forgottenAt: (row["forgotten_at"] as Int64?).map(Timestamp.init(microseconds:)))
    }

    /// The record key of a `lead add` request: its context's key, else one made from its time; each `lead add` is a
    /// request of its own, even one that repeats another word for word (`#2`, `#3`, … after a key already stored).
    package static func newRequestKey(_ db: some SQLTransaction, for request: NewLead) throws -> String {
        let base = request.context?.key ?? "lead-add:" + ContentHash.of([String(request.createdAt.microseconds)])
        var key = base
        var number = 1
        while try db.value(
            Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM submission WHERE record_key = ?)", arguments: [key]) == true
        {
            number += 1
            key = base + "#\(number)"
        }
        return key
    }

    /// A lead as `lead show` shows it: in the stage its pipeline gives it, with its history, visitors, journey (the
    /// visitors' touches, which `touches` reads with the store's own row reader), deals and events.
    package static func leadDetail(
        _ db: some SQLTransaction, id: Int64, touches: (_ visitor: String) throws -> [Touch]
    ) throws -> LeadDetail {
        var lead = try requireLead(db, id: id)
        let (pipeline, recorded) = try pipeline(db, lead: lead)
        lead.stage = pipeline.stage
        let visitors = try visitors(db, lead: lead)
        var journey: [Touch] = []
        for visitor in visitors { journey += try touches(visitor) }
        journey.sort { ($0.at, $0.key) < ($1.at, $1.key) }
        return LeadDetail(
            lead: lead, history: pipeline.shown(recorded), visitors: visitors, journey: journey,
            deals: try deals(db, filter: DealFilter(leadID: id)), events: try leadEvents(db, lead: id))
    }

    /// The visitor ids of a lead: its own; those of every earlier lead of the same person (same normalised email or
    /// phone, followed transitively backwards in time); and visitors that share a click id with any of these.
    package static func visitors(_ db: some SQLTransaction, lead: Lead) throws -> [String] {
        var person: Set<Int64> = [lead.id]
        var frontier: [(id: Int64, createdAt: Int64, email: String?, phone: String?)] = [
            (lead.id, lead.createdAt.microseconds, lead.email?.normalized, lead.phone?.e164)
        ]
        while let current = frontier.popLast() {
            guard current.email != nil || current.phone != nil else { continue }
            let earlier = try db.fetchAll(
                sql: """
                    SELECT id, created_at, email, phone FROM lead
                    WHERE (email = ? OR phone = ?) AND (created_at < ? OR (created_at = ? AND id < ?))
                    """,
                arguments: [current.email, current.phone, current.createdAt, current.createdAt, current.id])
            for row in earlier where person.insert(row["id"]).inserted {
                frontier.append((row["id"], row["created_at"], row["email"], row["phone"]))
            }
        }
        var visitors = Set<String>()
        for leadID in person {
            visitors.formUnion(
                try db.column(
                    String.self, sql: "SELECT visitor FROM lead_visitor WHERE lead_id = ?", arguments: [leadID]))
        }
        var linked = visitors
        for visitor in visitors {
            linked.formUnion(
                try db.column(
                    String.self,
                    sql: """
                        SELECT DISTINCT other.visitor FROM touch AS mine
                        JOIN touch AS other ON other.click_id = mine.click_id AND other.click_id_type = mine.click_id_type
                        WHERE mine.visitor = ? AND mine.click_id IS NOT NULL
                        """, arguments: [visitor]))
        }
        return linked.sorted()
    }

    /// Gives a lead an owner by hand: judging the person's requests again never takes it away.
    package static func assignLead(_ db: some SQLTransaction, id: Int64, to owner: String?) throws {
        _ = try requireLeadForWriting(db, id: id)
        try db.execute(sql: "UPDATE lead SET owner = ?, owner_by_hand = 1 WHERE id = ?", arguments: [owner, id])
    }

    /// Links a visitor to a lead by hand: judging the person's requests again never removes it.
    package static func linkVisitor(_ db: some SQLTransaction, _ visitor: String, toLead id: Int64) throws {
        _ = try requireLeadForWriting(db, id: id)
        try db.execute(
            sql: """
                INSERT INTO lead_visitor (lead_id, visitor, by_hand) VALUES (?, ?, 1)
                ON CONFLICT (lead_id, visitor) DO UPDATE SET by_hand = 1
                """, arguments: [id, visitor])
    }

    /// A lead's events (merged, forgotten, repeats), oldest first.
    package static func leadEvents(_ db: some SQLTransaction, lead id: Int64) throws -> [LeadEvent] {
        try db.fetchAll(sql: "SELECT * FROM lead_event WHERE lead_id = ? ORDER BY at, id", arguments: [id]).map {
            LeadEvent(at: Timestamp(microseconds: $0["at"]), kind: $0["kind"], detail: $0["detail"])
        }
    }
}
