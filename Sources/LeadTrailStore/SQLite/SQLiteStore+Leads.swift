import GRDB
public import LeadTrailCore

extension SQLiteStore {
    public func addLead(_ request: NewLead) throws -> LeadAddition {
        try write { db in
            let key = try Self.newRequestKey(SQLiteTransaction(db), for: request)
            let recorded = try Self.recordRequest(db, request, key: key, contentHash: "", batchID: nil)
            return recorded.outcome == .duplicate
                ? .duplicate(leadID: recorded.leadID) : .created(leadID: recorded.leadID)
        }
    }

    static func linkVisitor(_ db: Database, lead: Int64, visitor: String?, batchID: Int64?) throws {
        guard let visitor, !visitor.isEmpty else { return }
        var insert = try BoundStatement(
            db, sql: "INSERT INTO lead_visitor (lead_id, visitor, batch_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        insert.bind(lead)
        insert.bind(visitor)
        insert.bind(batchID)
        try insert.execute()
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
        try readSQL { db in try Self.leads(db, query: filter.query, limit: filter.limit) }
    }

    public func leadDetail(id: Int64) throws -> LeadDetail {
        try readSQL { shared in
            try Self.leadDetail(shared, id: id) { visitor in
                try Row.fetchAll(
                    shared.db, sql: "SELECT * FROM touch WHERE visitor = ? ORDER BY at, record_key", arguments: [visitor]
                ).map(Self.touch(row:))
            }
        }
    }

    public func assignLead(id: Int64, to owner: String?) throws {
        try writeSQL { db in try Self.assignLead(db, id: id, to: owner) }
    }

    public func linkVisitor(_ visitor: String, toLead id: Int64) throws {
        try writeSQL { db in try Self.linkVisitor(db, visitor, toLead: id) }
    }
}
