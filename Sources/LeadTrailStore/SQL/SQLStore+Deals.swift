package import LeadTrailCore

/// Deals, written once for both stores: adding, closing, refunding and linking them, and reading them back with
/// their refunds.
extension SQLStore {
    package static func addDeal(_ db: some SQLTransaction, _ deal: NewDeal) throws -> Deal {
        _ = try requireLeadForWriting(db, id: deal.leadID)
        if let externalID = deal.externalID,
            let existing = try db.column(
                Int64.self, sql: "SELECT id FROM deal WHERE external_id = ?", arguments: [externalID]
            ).first
        {
            throw StoreError.dealExternalIDTaken(externalID, existing: existing)
        }
        // The same command given twice (a retried terminal, a paste) must not make two sales: an exact repeat is
        // refused unless asked for.
        if !deal.again,
            let earlier = try db.column(
                Int64.self,
                sql: """
                    SELECT id FROM deal WHERE lead_id = ? AND amount_minor = ? AND currency = ? AND created_at = ?
                    ORDER BY id LIMIT 1
                    """,
                arguments: [
                    deal.leadID, deal.amount.minorUnits, deal.amount.currency.code, deal.createdAt.microseconds,
                ]
            ).first
        {
            throw DealEntryError.repeatedDeal(
                earlier: earlier, lead: deal.leadID, amount: deal.amount, createdAt: deal.createdAt)
        }
        let id = try db.insertNumbered(
            into: "deal", columns: ["external_id", "lead_id", "amount_minor", "currency", "status", "created_at"],
            values: [
                deal.externalID, deal.leadID, deal.amount.minorUnits, deal.amount.currency.code, "open",
                deal.createdAt.microseconds,
            ])
        return try requireDeal(db, "#\(id)")
    }

    package static func closeDeal(
        _ db: some SQLTransaction, _ reference: String, as status: DealStatus, at time: Timestamp
    ) throws -> Deal {
        let deal = try requireDealForWriting(db, reference)
        guard deal.status == .open else { throw StoreError.dealClosed(reference, status: deal.status) }
        try Deal.checkClose(status: status, closedAt: time, createdAt: deal.createdAt)
        try db.execute(
            sql: "UPDATE deal SET status = ?, closed_at = ?, status_by_hand = 1 WHERE id = ?",
            arguments: [status.rawValue, time.microseconds, deal.id])
        // The lead's stage follows from its deals when read (LeadPipeline): nothing to write here.
        return try requireDeal(db, "#\(deal.id)")
    }

    package static func refundDeal(
        _ db: some SQLTransaction, _ reference: String, amount: Money, at time: Timestamp, again: Bool
    ) throws -> Deal {
        let deal = try requireDealForWriting(db, reference)
        guard deal.status == .won else { throw StoreError.dealNotWon(reference) }
        guard amount.currency == deal.amount.currency else {
            throw StoreError.currencyMismatch(
                deal: reference, dealCurrency: deal.amount.currency.code, given: amount.currency.code)
        }
        // Each stored refund is at most the deal's amount, so the sum of a deal's refunds cannot overflow.
        let refunded = deal.refunds.reduce(Int64(0)) { $0 &+ $1.amount.minorUnits }
        guard amount.minorUnits > 0 else { throw ValidationError.zeroRefund }
        if !again,
            let earlier = try db.column(
                Int64.self, sql: "SELECT id FROM refund WHERE deal_id = ? AND amount_minor = ? AND at = ? ORDER BY id",
                arguments: [deal.id, amount.minorUnits, time.microseconds]
            ).first
        {
            throw DealEntryError.repeatedRefund(deal: deal.id, earlier: earlier, amount: amount, at: time)
        }
        do {
            try Deal.checkRefund(amount, earlier: refunded, of: deal.amount)
        } catch {
            throw StoreError.refundExceedsAmount(deal: reference)
        }
        switch db.dialect {
        case .sqlite:
            // Numbered above any refund a delete removed (schema 25), so `--remove N` never meets a new refund N.
            _ = try db.insertNumbered(
                into: "refund", columns: ["deal_id", "amount_minor", "at"],
                values: [deal.id, amount.minorUnits, time.microseconds])
        case .postgres:
            // The identity never goes back; an explicit id beside it would let the two collide.
            try db.execute(
                sql: "INSERT INTO refund (deal_id, amount_minor, at) VALUES (?, ?, ?)",
                arguments: [deal.id, amount.minorUnits, time.microseconds])
        }
        return try requireDeal(db, "#\(deal.id)")
    }

    /// Takes back a refund recorded by hand (`deal refund REF --remove ID`): one entered twice, or by mistake. A refund
    /// an import brought is the file's, and is refused naming its batch.
    package static func removeRefund(_ db: some SQLTransaction, _ reference: String, refund: Int64) throws -> Deal {
        let deal = try requireDealForWriting(db, reference)
        guard
            let found = try db.fetchOne(
                sql: "SELECT batch_id FROM refund WHERE id = ? AND deal_id = ?", arguments: [refund, deal.id])
        else {
            throw DealEntryError.unknownRefund(deal: deal.id, refund: refund)
        }
        if let batch = found["batch_id"] as Int64? {
            throw DealEntryError.importedRefund(
                deal: deal.id, refund: refund, batch: batch, file: try batchFileName(db, batch))
        }
        try db.execute(sql: "DELETE FROM refund WHERE id = ? AND deal_id = ?", arguments: [refund, deal.id])
        return try requireDeal(db, "#\(deal.id)")
    }

    /// Takes back a deal added by hand (`deal remove REF`), with its refunds: one entered twice, or by mistake. Its
    /// number is never given again. A deal an import brought is refused naming the batch whose undo removes it.
    package static func removeDeal(_ db: some SQLTransaction, _ reference: String) throws -> Deal {
        let deal = try requireDealForWriting(db, reference)
        if let batch = try db.value(Int64.self, sql: "SELECT batch_id FROM deal WHERE id = ?", arguments: [deal.id]) {
            throw DealEntryError.importedDeal(deal: deal.id, batch: batch, file: try batchFileName(db, batch))
        }
        try db.execute(sql: "DELETE FROM refund WHERE deal_id = ?", arguments: [deal.id])
        try db.execute(sql: "DELETE FROM deal WHERE id = ?", arguments: [deal.id])
        return deal
    }

    /// A deal with where it came from and each refund's number and origin (`deal show`).
    package static func dealDetail(_ db: some SQLTransaction, _ reference: String) throws -> DealDetail {
        let deal = try requireDeal(db, reference)
        let refunds = try db.fetchAll(
            sql: "SELECT id, amount_minor, at, batch_id FROM refund WHERE deal_id = ? ORDER BY at, id",
            arguments: [deal.id]
        ).map {
            StoredRefund(
                id: $0["id"],
                refund: Refund(
                    amount: Money(minorUnits: $0["amount_minor"], currency: deal.amount.currency),
                    at: Timestamp(microseconds: $0["at"])),
                importBatch: $0["batch_id"])
        }
        let batch = try db.value(Int64.self, sql: "SELECT batch_id FROM deal WHERE id = ?", arguments: [deal.id])
        return DealDetail(deal: deal, importBatch: batch, refunds: refunds)
    }

    /// The file an import batch read, as `imports list` names it.
    private static func batchFileName(_ db: some SQLTransaction, _ batch: Int64) throws -> String {
        try db.column(String.self, sql: "SELECT file_name FROM import_batch WHERE id = ?", arguments: [batch]).first
            ?? "batch \(batch)"
    }

    /// Points a deal at a lead: a deal added by hand whose lead went with an undone import, or a wrong link.
    package static func linkDeal(_ db: some SQLTransaction, _ reference: String, toLead leadID: Int64) throws -> Deal {
        let deal = try requireDealForWriting(db, reference)
        _ = try requireLeadForWriting(db, id: leadID)
        try db.execute(sql: "UPDATE deal SET lead_id = ? WHERE id = ?", arguments: [leadID, deal.id])
        return try requireDeal(db, "#\(deal.id)")
    }

    /// A won or lost deal open again; the lead's stage follows from its deals when read.
    package static func reopenDeal(_ db: some SQLTransaction, _ reference: String) throws -> Deal {
        let deal = try requireDealForWriting(db, reference)
        try deal.checkReopen()
        try db.execute(
            sql: "UPDATE deal SET status = 'open', closed_at = NULL, status_by_hand = 1 WHERE id = ?",
            arguments: [deal.id])
        return try requireDeal(db, "#\(deal.id)")
    }

    package static func deals(_ db: some SQLTransaction, filter: DealFilter) throws -> [Deal] {
        var conditions: [String] = []
        var arguments: [(any SQLBindable)?] = []
        if let leadID = filter.leadID {
            conditions.append("lead_id = ?")
            arguments.append(leadID)
        }
        if let status = filter.status {
            conditions.append("status = ?")
            arguments.append(status.rawValue)
        }
        var sql = "SELECT * FROM deal"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY created_at, id"
        return try db.fetchAll(sql: sql, arguments: arguments).map { try deal(db, row: $0) }
    }

    /// A deal by its number, else by its external id.
    /// The deal a reference names: its number, else its external id. A number that is also another deal's external
    /// id is refused as ambiguous (amoCRM's ids are numbers too); `#N` is always deal number N and `ext:X` always the
    /// deal whose external id is X.
    package static func requireDeal(_ db: some SQLTransaction, _ reference: String) throws -> Deal {
        let trimmed = reference.trimmingWhitespace()
        if trimmed.hasPrefix("#"), let number = Int64(trimmed.dropFirst()) {
            guard let row = try db.fetchOne(sql: "SELECT * FROM deal WHERE id = ?", arguments: [number]) else {
                throw StoreError.unknownDeal(trimmed)
            }
            return try deal(db, row: row)
        }
        let externalOnly = trimmed.hasPrefix("ext:")
        let external = externalOnly ? String(trimmed.dropFirst(4)) : trimmed
        let byExternal = try db.fetchOne(sql: "SELECT * FROM deal WHERE external_id = ?", arguments: [external])
        if !externalOnly, let number = Int64(trimmed),
            let byNumber = try db.fetchOne(sql: "SELECT * FROM deal WHERE id = ?", arguments: [number])
        {
            if let byExternal, byExternal["id"] as Int64 != number {
                throw StoreError.ambiguousDeal(trimmed, numbered: number, external: byExternal["id"])
            }
            return try deal(db, row: byNumber)
        }
        guard let byExternal else { throw StoreError.unknownDeal(trimmed) }
        return try deal(db, row: byExternal)
    }

    /// ``requireDeal(_:_:)`` for a change made by hand: the deal's row is held, then read again, so the change
    /// waits for an `imports undo` removing the deal (and then finds it gone) rather than landing after the undo
    /// judged it free of hand work.
    package static func requireDealForWriting(_ db: some SQLTransaction, _ reference: String) throws -> Deal {
        let found = try requireDeal(db, reference)
        try db.lockDeal(found.id)
        do {
            return try requireDeal(db, "#\(found.id)")
        } catch StoreError.unknownDeal {
            throw StoreError.unknownDeal(reference.trimmingWhitespace())
        }
    }

    package static func deal(_ db: some SQLTransaction, row: SQLRow) throws -> Deal {
        let currency = try Currency(code: row["currency"])
        let id: Int64 = row["id"]
        let refunds = try db.fetchAll(
            sql: "SELECT amount_minor, at FROM refund WHERE deal_id = ? ORDER BY at, id", arguments: [id]
        ).map {
            Refund(
                amount: Money(minorUnits: $0["amount_minor"], currency: currency),
                at: Timestamp(microseconds: $0["at"]))
        }
        return Deal(
            id: id, externalID: row["external_id"], leadID: row["lead_id"],
            amount: Money(minorUnits: row["amount_minor"], currency: currency),
            status: DealStatus(rawValue: row["status"]) ?? .open, createdAt: Timestamp(microseconds: row["created_at"]),
            closedAt: (row["closed_at"] as Int64?).map(Timestamp.init(microseconds:)), refunds: refunds)
    }

    /// Every deal with its refunds, in two queries (not one per deal).
    package static func allDeals(_ db: some SQLTransaction) throws -> [Deal] {
        var refunds: [Int64: [(minor: Int64, at: Int64)]] = [:]
        for row in try db.fetchAll(sql: "SELECT deal_id, amount_minor, at FROM refund ORDER BY at, id") {
            refunds[row["deal_id"], default: []].append((row["amount_minor"], row["at"]))
        }
        var currencies: [String: Currency] = [:]
        return try db.fetchAll(sql: "SELECT * FROM deal ORDER BY id").map { row in
            let code: String = row["currency"]
            let currency = try currencies[code] ?? Currency(code: code)
            currencies[code] = currency
            let id: Int64 = row["id"]
            return Deal(
                id: id, externalID: row["external_id"], leadID: row["lead_id"],
                amount: Money(minorUnits: row["amount_minor"], currency: currency),
                status: DealStatus(rawValue: row["status"]) ?? .open,
                createdAt: Timestamp(microseconds: row["created_at"]),
                closedAt: (row["closed_at"] as Int64?).map(Timestamp.init(microseconds:)),
                refunds: (refunds[id] ?? []).map {
                    Refund(amount: Money(minorUnits: $0.minor, currency: currency), at: Timestamp(microseconds: $0.at))
                })
        }
    }
}
