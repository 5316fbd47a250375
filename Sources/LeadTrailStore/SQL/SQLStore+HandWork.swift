package import LeadTrailCore

/// Work done by hand on imported deals, written once for both stores: what a re-import must not overturn
/// (``HandWorkConflict``).
extension SQLStore {
    /// The records of a deals file that would overturn a deal's status set by hand (`deal won|lost|reopen`) or its
    /// refunds recorded by hand, by external id. A record stored the same is no conflict (it changes nothing), nor is
    /// one whose status is the hand one, won with an amount that covers the hand refunds.
    package static func handWorkConflicts(
        _ db: some SQLTransaction, deals: [ImportedDeal]
    ) throws -> [String: HandWorkConflict] {
        var conflicts: [String: HandWorkConflict] = [:]
        var start = 0
        while start < deals.count {
            let chunk = deals[start..<min(start + 500, deals.count)]
            start += chunk.count
            let byID = Dictionary(chunk.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            let rows = try db.fetchAll(
                sql: """
                    SELECT id, external_id, status, closed_at, status_by_hand, content_hash, currency FROM deal
                    WHERE external_id IN (\(marks))
                      AND (status_by_hand = 1
                           OR EXISTS (SELECT 1 FROM refund WHERE refund.deal_id = deal.id AND refund.batch_id IS NULL))
                    ORDER BY id
                    """, arguments: chunk.map { $0.id as (any SQLBindable)? })
            for row in rows {
                guard let file = byID[row["external_id"] as String],
                    row["content_hash"] as String? != file.contentHash
                else { continue }
                let id: Int64 = row["id"]
                let currency = try Currency(code: row["currency"])
                let handRefunds = try db.fetchAll(
                    sql:
                        "SELECT id, amount_minor, at FROM refund WHERE deal_id = ? AND batch_id IS NULL ORDER BY at, id",
                    arguments: [id]
                ).map {
                    StoredRefund(
                        id: $0["id"],
                        refund: Refund(
                            amount: Money(minorUnits: $0["amount_minor"], currency: currency),
                            at: Timestamp(microseconds: $0["at"])),
                        importBatch: nil)
                }
                let status = DealStatus(rawValue: row["status"]) ?? .open
                let handStatus: DealStatus? = row["status_by_hand"] as Int64 == 1 ? status : nil
                var field: String?
                if let handStatus, handStatus != file.status { field = "status" }
                if field == nil, !handRefunds.isEmpty {
                    // Each stored refund is at most the deal's amount: their sum cannot overflow.
                    let refunded = handRefunds.reduce(Int64(0)) { $0 &+ $1.refund.amount.minorUnits }
                    let (total, overflow) = refunded.addingReportingOverflow(file.refund?.amount.minorUnits ?? 0)
                    if file.status != .won {
                        field = "status"
                    } else if file.amount.currency != currency {
                        field = "currency"
                    } else if overflow || total > file.amount.minorUnits {
                        field = "amount"
                    }
                }
                guard let field else { continue }
                conflicts[file.id] = HandWorkConflict(
                    externalID: file.id, deal: id, fileStatus: file.status, fileAmount: file.amount,
                    fileClosedAt: file.closedAt, handStatus: handStatus,
                    handClosedAt: handStatus == nil
                        ? nil : (row["closed_at"] as Int64?).map(Timestamp.init(microseconds:)),
                    handRefunds: handRefunds, field: field)
            }
        }
        return conflicts
    }
}
