public import LeadTrailCore

/// Deals on SQLite: the rules are ``SQLStore``'s (`SQLStore+Deals.swift`), shared with PostgreSQL.
extension SQLiteStore {
    public func addDeal(_ deal: NewDeal) throws -> Deal {
        try writeSQL { db in try Self.addDeal(db, deal) }
    }

    public func closeDeal(_ reference: String, as status: DealStatus, at time: Timestamp) throws -> Deal {
        try writeSQL { db in try Self.closeDeal(db, reference, as: status, at: time) }
    }

    public func refundDeal(_ reference: String, amount: Money, at time: Timestamp, again: Bool) throws -> Deal {
        try writeSQL { db in try Self.refundDeal(db, reference, amount: amount, at: time, again: again) }
    }

    public func removeRefund(_ reference: String, refund: Int64) throws -> Deal {
        try writeSQL { db in try Self.removeRefund(db, reference, refund: refund) }
    }

    public func removeDeal(_ reference: String) throws -> Deal {
        try writeSQL { db in try Self.removeDeal(db, reference) }
    }

    /// Points a deal at a lead: a deal added by hand whose lead went with an undone import, or a wrong link.
    public func linkDeal(_ reference: String, toLead leadID: Int64) throws -> Deal {
        try writeSQL { db in try Self.linkDeal(db, reference, toLead: leadID) }
    }

    public func deals(matching filter: DealFilter) throws -> [Deal] {
        try readSQL { db in try Self.deals(db, filter: filter) }
    }

    public func deal(_ reference: String) throws -> Deal {
        try readSQL { db in try Self.requireDeal(db, reference) }
    }

    public func dealDetail(_ reference: String) throws -> DealDetail {
        try readSQL { db in try Self.dealDetail(db, reference) }
    }
}
