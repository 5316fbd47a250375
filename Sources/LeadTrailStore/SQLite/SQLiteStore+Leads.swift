import GRDB
public import LeadTrailCore

extension SQLiteStore {
    public func addLead(_ request: NewLead) throws -> LeadAddition {
        try write { db in
            let addition = try Self.insertLead(db, request, batchID: nil)
            // Deals imported before their lead arrived are linked now.
            let references = [
                request.email.map { LeadReference.email($0).hashText }, request.phone.map { LeadReference.phone($0).hashText },
                request.externalID.map { LeadReference.externalID($0).hashText },
            ].compactMap { $0 }
            try Self.relinkDeals(db, references: references, batchID: nil)
            return addition
        }
    }

    /// Records a request: on the person's lead created within the duplicate window when there is one (the most
    /// recently created wins), else as a new lead. Either way the request's visitor joins the lead, and a
    /// UTM-bearing request adds its form touch.
    static func insertLead(_ db: Database, _ request: NewLead, batchID: Int64?) throws -> LeadAddition {
        let window = Int64(try settings(db).duplicateWindowDays) * 86_400 * 1_000_000
        let at = request.createdAt.microseconds
        if let existing = try recentLead(db, email: request.email, phone: request.phone, from: at - window, to: at) {
            try linkVisitor(db, lead: existing, visitor: request.visitor, batchID: batchID)
            try db.execute(
                sql: "INSERT INTO lead_event (lead_id, at, kind, detail, batch_id) VALUES (?, ?, 'duplicate', ?, ?)",
                arguments: [existing, at, request.form ?? request.source, batchID])
            try addRequestTouch(db, request, lead: existing, batchID: batchID)
            return .duplicate(leadID: existing)
        }
        // Records may arrive out of time order. When the person already has a lead created within the window
        // after this request, that lead would have been this request's duplicate had the files come in time order:
        // this request takes the lead over, so any import order gives the same leads.
        if let later = try laterLead(
            db, email: request.email, phone: request.phone, after: at, until: at + window)
        {
            try takeOver(db, lead: later, with: request, batchID: batchID)
            try linkVisitor(db, lead: later, visitor: request.visitor, batchID: batchID)
            try addRequestTouch(db, request, lead: later, batchID: batchID)
            return .created(leadID: later)
        }
        try db.execute(
            sql: """
                INSERT INTO lead (created_at, name, email, phone, form, source, owner, stage, external_id, fields, batch_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)
                """,
            arguments: [
                at, request.name, request.email?.normalized, request.phone?.e164, request.form, request.source,
                request.owner, request.externalID, request.fieldsJSON, batchID,
            ])
        let id = db.lastInsertedRowID
        try db.execute(
            sql: "INSERT INTO stage_change (lead_id, from_stage, to_stage, at, changed_by) VALUES (?, NULL, 'new', ?, ?)",
            arguments: [id, at, request.createdBy])
        try linkVisitor(db, lead: id, visitor: request.visitor, batchID: batchID)
        try addRequestTouch(db, request, lead: id, batchID: batchID)
        return .created(leadID: id)
    }

    /// The person's most recently created lead within `[from, to]`, matched by normalised email or phone.
    private static func recentLead(_ db: Database, email: Email?, phone: Phone?, from: Int64, to: Int64) throws -> Int64? {
        guard email != nil || phone != nil else { return nil }
        return try Int64.fetchOne(
            db,
            sql: """
                SELECT id FROM lead
                WHERE (email = ? OR phone = ?) AND created_at BETWEEN ? AND ? AND forgotten_at IS NULL
                ORDER BY created_at DESC, id DESC LIMIT 1
                """, arguments: [email?.normalized, phone?.e164, from, to])
    }

    /// The person's earliest lead created within `(after, until]`.
    private static func laterLead(_ db: Database, email: Email?, phone: Phone?, after: Int64, until: Int64) throws
        -> Int64?
    {
        guard email != nil || phone != nil else { return nil }
        return try Int64.fetchOne(
            db,
            sql: """
                SELECT id FROM lead
                WHERE (email = ? OR phone = ?) AND created_at > ? AND created_at <= ? AND forgotten_at IS NULL
                ORDER BY created_at, id LIMIT 1
                """, arguments: [email?.normalized, phone?.e164, after, until])
    }

    /// Makes an earlier request the origin of a later lead: the lead takes the request's time and contacts (as if
    /// the request had created it), and the request that created it becomes a duplicate on it.
    private static func takeOver(_ db: Database, lead id: Int64, with request: NewLead, batchID: Int64?) throws {
        let old = try requireLead(db, id: id)
        if let batchID {
            try saveForUndo(db, batchID: batchID, table: "lead", rowid: id)
            for change in try Int64.fetchAll(
                db, sql: "SELECT id FROM stage_change WHERE lead_id = ? AND from_stage IS NULL", arguments: [id])
            {
                try saveForUndo(db, batchID: batchID, table: "stage_change", rowid: change)
            }
            for submission in try Int64.fetchAll(
                db, sql: "SELECT rowid FROM submission WHERE lead_id = ? AND created_lead = 1", arguments: [id])
            {
                try saveForUndo(db, batchID: batchID, table: "submission", rowid: submission)
            }
        }
        try db.execute(
            sql: """
                UPDATE lead SET created_at = ?, name = ?, email = ?, phone = ?, form = ?, source = ?, external_id = ?,
                                fields = ?, owner = COALESCE(owner, ?)
                WHERE id = ?
                """,
            arguments: [
                request.createdAt.microseconds, request.name, request.email?.normalized, request.phone?.e164,
                request.form, request.source, request.externalID, request.fieldsJSON, request.owner, id,
            ])
        try db.execute(
            sql: "UPDATE stage_change SET at = ? WHERE lead_id = ? AND from_stage IS NULL",
            arguments: [request.createdAt.microseconds, id])
        try db.execute(
            sql: "UPDATE submission SET created_lead = 0 WHERE lead_id = ? AND created_lead = 1", arguments: [id])
        try db.execute(
            sql: "INSERT INTO lead_event (lead_id, at, kind, detail, batch_id) VALUES (?, ?, 'duplicate', ?, ?)",
            arguments: [id, old.createdAt.microseconds, old.form ?? old.source, batchID])
    }

    static func linkVisitor(_ db: Database, lead: Int64, visitor: String?, batchID: Int64?) throws {
        guard let visitor, !visitor.isEmpty else { return }
        try db.execute(
            sql: "INSERT INTO lead_visitor (lead_id, visitor, batch_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            arguments: [lead, visitor, batchID])
    }

    /// A request carrying UTM values adds a touch at its time for its visitor, or for the synthetic visitor
    /// `lead:<id>` when it has none. Whether it repeats a click of the same session is settled at report time,
    /// so clicks may arrive after the forms they led to.
    private static func addRequestTouch(_ db: Database, _ request: NewLead, lead: Int64, batchID: Int64?) throws {
        guard let context = request.context, !context.utm.isEmpty || context.clickID != nil else { return }
        let visitor = request.visitor ?? "lead:\(lead)"
        if request.visitor == nil { try linkVisitor(db, lead: lead, visitor: visitor, batchID: batchID) }
        let touch = Touch(
            key: context.key, at: request.createdAt, visitor: visitor, url: context.url, utm: context.utm,
            clickID: context.clickID, referrer: context.referrer,
            channel: Channel.classify(utm: context.utm, referrer: context.referrer, clickID: context.clickID))
        var campaigns: [String: Int64] = [:]
        _ = try insertTouch(db, touch, origin: .form, batchID: batchID, campaigns: &campaigns)
    }

    public func leads(matching filter: LeadFilter) throws -> [Lead] {
        try read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let stage = filter.stage {
                conditions.append("stage = ?")
                arguments += [stage.rawValue]
            }
            if let owner = filter.owner {
                conditions.append("owner = ?")
                arguments += [owner]
            }
            var sql = "SELECT * FROM lead"
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY created_at, id"
            if let limit = filter.limit {
                sql += " LIMIT ?"
                arguments += [limit]
            }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.lead(row:))
        }
    }

    public func leadDetail(id: Int64) throws -> LeadDetail {
        try read { db in
            let lead = try Self.requireLead(db, id: id)
            let history = try Row.fetchAll(
                db, sql: "SELECT * FROM stage_change WHERE lead_id = ? ORDER BY at, id", arguments: [id]
            ).map { row in
                StageChange(
                    from: (row["from_stage"] as String?).flatMap(Stage.init(rawValue:)),
                    to: Stage(rawValue: row["to_stage"]) ?? .new, at: Timestamp(microseconds: row["at"]),
                    by: row["changed_by"])
            }
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

    public func moveLead(id: Int64, to stage: Stage, at time: Timestamp, by who: String?) throws {
        try write { db in try Self.moveLead(db, id: id, to: stage, at: time, by: who) }
    }

    static func moveLead(_ db: Database, id: Int64, to stage: Stage, at time: Timestamp, by who: String?) throws {
        let lead = try requireLead(db, id: id)
        try lead.checkStageChange(at: time)
        guard lead.stage.canMove(to: stage) else {
            throw StoreError.stageCannotFollow(lead: id, from: lead.stage, to: stage)
        }
        try db.execute(sql: "UPDATE lead SET stage = ? WHERE id = ?", arguments: [stage.rawValue, id])
        try db.execute(
            sql: "INSERT INTO stage_change (lead_id, from_stage, to_stage, at, changed_by) VALUES (?, ?, ?, ?, ?)",
            arguments: [id, lead.stage.rawValue, stage.rawValue, time.microseconds, who])
    }

    public func assignLead(id: Int64, to owner: String?) throws {
        try write { db in
            _ = try Self.requireLead(db, id: id)
            try db.execute(sql: "UPDATE lead SET owner = ? WHERE id = ?", arguments: [owner, id])
        }
    }

    public func linkVisitor(_ visitor: String, toLead id: Int64) throws {
        try write { db in
            _ = try Self.requireLead(db, id: id)
            try Self.linkVisitor(db, lead: id, visitor: visitor, batchID: nil)
        }
    }

    static func requireLead(_ db: Database, id: Int64) throws -> Lead {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM lead WHERE id = ?", arguments: [id]) else {
            throw StoreError.unknownLead(id)
        }
        return try lead(row: row)
    }

    static func lead(row: Row) throws -> Lead {
        Lead(
            id: row["id"], createdAt: Timestamp(microseconds: row["created_at"]), name: row["name"],
            email: try (row["email"] as String?).map { try Email(parsing: $0) },
            phone: try (row["phone"] as String?).map { try Phone(parsing: $0) }, form: row["form"],
            source: row["source"], owner: row["owner"], stage: Stage(rawValue: row["stage"]) ?? .new,
            externalID: row["external_id"], fieldsJSON: row["fields"],
            forgottenAt: (row["forgotten_at"] as Int64?).map(Timestamp.init(microseconds:)))
    }
}
