import GRDB
public import LeadTrailCore

extension SQLiteStore {
    public func addLead(_ request: NewLead) throws -> LeadAddition {
        try write { db in
            // Each `lead add` is a request of its own, even one that repeats another word for word.
            let base = request.context?.key ?? "lead-add:" + ContentHash.of([String(request.createdAt.microseconds)])
            var key = base
            var number = 1
            while try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM submission WHERE record_key = ?)", arguments: [key]) == true
            {
                number += 1
                key = base + "#\(number)"
            }
            let recorded = try Self.recordRequest(db, request, key: key, contentHash: "", batchID: nil)
            return recorded.outcome == .duplicate
                ? .duplicate(leadID: recorded.leadID) : .created(leadID: recorded.leadID)
        }
    }

    static func linkVisitor(_ db: Database, lead: Int64, visitor: String?, batchID: Int64?) throws {
        guard let visitor, !visitor.isEmpty else { return }
        try db.cachedStatement(
            sql: "INSERT INTO lead_visitor (lead_id, visitor, batch_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
        ).execute(arguments: [lead, visitor, batchID])
    }

    /// A request carrying UTM values adds a touch at its time for its visitor, or for the synthetic visitor
    /// `lead:<id>` when it has none. Whether it repeats a click of the same session is settled at report time,
    /// so clicks may arrive after the forms they led to.
    static func addRequestTouch(
        _ db: Database, _ request: NewLead, lead: Int64, batchID: Int64?, writing: RequestWriting? = nil
    ) throws {
        guard let context = request.context, !context.utm.isEmpty || context.clickID != nil else { return }
        let visitor = request.visitor ?? "lead:\(lead)"
        if request.visitor == nil { try linkVisitor(db, lead: lead, visitor: visitor, batchID: batchID) }
        let touch = Touch(
            key: context.key, at: request.createdAt, visitor: visitor, url: context.url, utm: context.utm,
            clickID: context.clickID, referrer: context.referrer,
            channel: Channel.classify(utm: context.utm, referrer: context.referrer, clickID: context.clickID))
        if let writing {
            _ = try insertTouch(db, touch, origin: .form, batchID: batchID, campaigns: &writing.campaigns)
        } else {
            var campaigns: [String: Int64] = [:]
            _ = try insertTouch(db, touch, origin: .form, batchID: batchID, campaigns: &campaigns)
        }
    }

    public func leads(matching filter: LeadFilter) throws -> [Lead] {
        try read { db in try Self.leads(db, query: filter.query, limit: filter.limit) }
    }

    public func leadDetail(id: Int64) throws -> LeadDetail {
        try read { db in
            var lead = try Self.requireLead(db, id: id)
            let (pipeline, recorded) = try Self.pipeline(db, lead: lead)
            lead.stage = pipeline.stage
            let history = pipeline.shown(recorded)
            let visitors = try Self.visitors(db, lead: lead)
            var journey: [Touch] = []
            for visitor in visitors {
                journey += try Row.fetchAll(
                    db, sql: "SELECT * FROM touch WHERE visitor = ? ORDER BY at, record_key", arguments: [visitor]
                ).map(Self.touch(row:))
            }
            journey.sort { ($0.at, $0.key) < ($1.at, $1.key) }
            let deals = try Self.deals(db, filter: DealFilter(leadID: id))
            let events = try Row.fetchAll(
                db, sql: "SELECT * FROM lead_event WHERE lead_id = ? ORDER BY at, id", arguments: [id]
            ).map { LeadEvent(at: Timestamp(microseconds: $0["at"]), kind: $0["kind"], detail: $0["detail"]) }
            return LeadDetail(
                lead: lead, history: history, visitors: visitors, journey: journey, deals: deals, events: events)
        }
    }

    /// The visitor ids of a lead: its own; those of every earlier lead of the same person (same normalised email or
    /// phone, followed transitively backwards in time); and visitors that share a click id with any of these.
    static func visitors(_ db: Database, lead: Lead) throws -> [String] {
        var person: Set<Int64> = [lead.id]
        var frontier: [(id: Int64, createdAt: Int64, email: String?, phone: String?)] = [
            (lead.id, lead.createdAt.microseconds, lead.email?.normalized, lead.phone?.e164)
        ]
        while let current = frontier.popLast() {
            guard current.email != nil || current.phone != nil else { continue }
            let earlier = try Row.fetchAll(
                db,
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
                try String.fetchAll(db, sql: "SELECT visitor FROM lead_visitor WHERE lead_id = ?", arguments: [leadID]))
        }
        var linked = visitors
        for visitor in visitors {
            linked.formUnion(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT other.visitor FROM touch AS mine
                        JOIN touch AS other ON other.click_id = mine.click_id AND other.click_id_type = mine.click_id_type
                        WHERE mine.visitor = ? AND mine.click_id IS NOT NULL
                        """, arguments: [visitor]))
        }
        return linked.sorted()
    }

    public func assignLead(id: Int64, to owner: String?) throws {
        try write { db in
            _ = try Self.requireLead(db, id: id)
            try db.execute(sql: "UPDATE lead SET owner = ?, owner_by_hand = 1 WHERE id = ?", arguments: [owner, id])
        }
    }

    public func linkVisitor(_ visitor: String, toLead id: Int64) throws {
        try write { db in
            _ = try Self.requireLead(db, id: id)
            // Linked by hand: judging the person's requests again never removes it.
            try db.execute(
                sql: """
                    INSERT INTO lead_visitor (lead_id, visitor, by_hand) VALUES (?, ?, 1)
                    ON CONFLICT (lead_id, visitor) DO UPDATE SET by_hand = 1
                    """, arguments: [id, visitor])
        }
    }

    static func requireLead(_ db: Database, id: Int64) throws -> Lead {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM lead WHERE id = ?", arguments: [id]) else {
            if let moved = try Row.fetchOne(
                db, sql: "SELECT now_lead_id, reason FROM lead_redirect WHERE lead_id = ?", arguments: [id])
            {
                throw moved["reason"] as String == "merged"
                    ? StoreError.leadMerged(id, into: moved["now_lead_id"])
                    : StoreError.leadBecameRepeat(id, on: moved["now_lead_id"])
            }
            throw StoreError.unknownLead(id)
        }
        return try lead(row: row)
    }

    static func lead(row: Row) throws -> Lead {
        Lead(
            id: row["id"], createdAt: Timestamp(microseconds: row["created_at"]), name: row["name"],
            email: try (row["email"] as String?).map { try Email(parsing: $0) },
            phone: (row["phone"] as String?).map(Phone.init(stored:)), form: row["form"],
            source: row["source"], owner: row["owner"], stage: Stage(rawValue: row["stage"]) ?? .new,
            externalID: row["external_id"], fieldsJSON: row["fields"],
            forgottenAt: (row["forgotten_at"] as Int64?).map(Timestamp.init(microseconds:)))
    }
}
