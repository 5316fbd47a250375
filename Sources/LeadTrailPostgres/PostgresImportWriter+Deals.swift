#if Postgres
import LeadTrailCore
import LeadTrailStore

extension PostgresImportWriter {
    static let copiedDealColumns = [
        "id", "external_id", "lead_id", "lead_ref", "amount_minor", "currency", "status", "created_at", "closed_at",
        "content_hash", "batch_id",
    ]
    static let copiedRefundColumns = ["deal_id", "amount_minor", "at", "batch_id"]

    /// Deals in bulk: one query finds which external ids are stored, one per kind of contact resolves the leads the
    /// new deals name by email or phone (the rule of ``PostgresStore/resolveLead(_:at:)``, asked for every deal at
    /// once), and the new deals and their refunds are copied (`COPY … FROM STDIN`), numbered on from the highest id
    /// under the deal numbering lock, in file order. A deal stored the same is skipped; one stored otherwise takes
    /// `putDeal`'s path, after the new deals before it are written. The outcomes are those of `putDeal` on each deal in turn: where `putDeal` makes four or
    /// five round trips a deal (1.4 ms each on a loopback server), a thousand deals take a handful.
    func putDeals(_ deals: [ImportedDeal]) throws -> [WriteOutcome] {
        guard deals.count > 1 else { return try deals.map { try putDeal($0) } }
        // Each stored deal's content hash and batch: one stored the same is skipped here, as `putDeal` skips it.
        var stored: [String: (contentHash: String?, batchID: Int64?)] = [:]
        for row in try db.fetchAll(
            sql: JSONArgument.lookup("external_id, content_hash, batch_id", from: "deal", by: "external_id"),
            arguments: [try JSONArgument.text(deals.map(\.id))])
        {
            stored[row["external_id"]] = (row["content_hash"], row["batch_id"])
        }
        let fresh = deals.indices.filter { stored[deals[$0].id] == nil }
        let leads = try resolveLeads(of: fresh.map { deals[$0] })
        var isFresh = Array(repeating: false, count: deals.count)
        var bulkLead: [Int64??] = Array(repeating: nil, count: deals.count)
        for (position, index) in fresh.enumerated() {
            isFresh[index] = true
            bulkLead[index] = leads[position]
        }
        var rows = CopyTextRows(capacity: fresh.count * 160)
        var refunds = CopyTextRows(capacity: 0)
        var nextID: Int64?
        func write() throws {
            try db.transaction.session.copy(into: "deal", columns: Self.copiedDealColumns, rows: rows)
            try db.transaction.session.copy(into: "refund", columns: Self.copiedRefundColumns, rows: refunds)
            rows = CopyTextRows(capacity: 0)
            refunds = CopyTextRows(capacity: 0)
        }
        var outcomes: [WriteOutcome] = []
        outcomes.reserveCapacity(deals.count)
        for (index, deal) in deals.enumerated() {
            if let same = stored[deal.id], same.contentHash == deal.contentHash {
                if same.batchID != batchID { foundSame.append((.deal, deal.id)) }
                outcomes.append(.skipped)
                continue
            }
            guard isFresh[index] else {
                try write()
                nextID = nil
                outcomes.append(try putDeal(deal))
                continue
            }
            let leadID = try bulkLead[index] ?? unresolvedLead(deal)
            let id = try nextID ?? PostgresStore.nextID(db, table: "deal")
            nextID = id + 1
            do {
                rows.append(id)
                try rows.append(deal.id)
                rows.append(leadID)
                try rows.append(deal.lead.hashText)
                rows.append(deal.amount.minorUnits)
                try rows.append(deal.amount.currency.code)
                try rows.append(deal.status.rawValue)
                rows.append(deal.createdAt.microseconds)
                rows.append(deal.closedAt?.microseconds)
                try rows.append(deal.contentHash)
                rows.append(batchID)
                rows.endRow()
                if let refund = deal.refund {
                    refunds.append(id)
                    refunds.append(refund.amount.minorUnits)
                    refunds.append(refund.at.microseconds)
                    refunds.append(batchID)
                    refunds.endRow()
                }
            } catch {
                throw StoreError.databaseFailure(
                    path: db.database, reason: "deal \(deal.id) holds a NUL character, which cannot be stored")
            }
            outcomes.append(.imported)
        }
        try write()
        return outcomes
    }

    /// The lead of a deal `resolveLeads` did not resolve in bulk (one named by id or external id): as `putDeal` does.
    private func unresolvedLead(_ deal: ImportedDeal) throws -> Int64? {
        try PostgresStore.resolveLead(db, deal.lead, at: deal.createdAt)
    }

    /// The lead each deal names by email or phone, resolved in one query a kind of contact: `.some(nil)` when none
    /// has arrived yet; nil (not resolved here) for a deal naming its lead by id or external id.
    private func resolveLeads(of deals: [ImportedDeal]) throws -> [Int64??] {
        var resolved: [Int64??] = Array(repeating: nil, count: deals.count)
        for column in ["email", "phone"] {
            var positions: [Int] = []
            var references: [[Any]] = []
            for (position, deal) in deals.enumerated() {
                let value: String
                switch (column, deal.lead) {
                case ("email", .email(let email)): value = email.normalized
                case ("phone", .phone(let phone)): value = phone.e164
                default: continue
                }
                positions.append(position)
                references.append([value, deal.createdAt.microseconds])
            }
            guard !positions.isEmpty else { continue }
            for position in positions { resolved[position] = .some(nil) }
            for row in try db.fetchAll(
                sql: """
                    SELECT ref.n::bigint AS n,
                           coalesce((\(LeadByContactSQL.latest(column, value: "ref.value", time: "ref.at"))),
                                    (\(LeadByContactSQL.earliest(column, value: "ref.value")))) AS lead_id
                    FROM (SELECT item->>0 AS value, (item->>1)::bigint AS at, n
                          FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS list (item, n)) AS ref
                    """,
                arguments: [try JSONArgument.text(references)])
            {
                let n: Int64 = row["n"]
                resolved[positions[Int(n) - 1]] = .some(row["lead_id"] as Int64?)
            }
        }
        return resolved
    }
}
#endif
