extension Deal {
    /// Refuses to reopen a deal that is open, or a won deal with refunds (an open deal has no money to return).
    ///
    /// `deal reopen` undoes a `deal won` or `deal lost` given by mistake: the deal is open again and its lead's
    /// stage, derived from its deals (``LeadPipeline``), follows.
    public func checkReopen() throws(DealReopenError) {
        guard status != .open else { throw .alreadyOpen(deal: id) }
        guard refunds.isEmpty else { throw .hasRefunds(deal: id, count: refunds.count) }
    }
}

/// Why a deal cannot be reopened.
public enum DealReopenError: Error, Equatable, Sendable, CustomStringConvertible {
    case alreadyOpen(deal: Int64)
    case hasRefunds(deal: Int64, count: Int)

    public var description: String {
        switch self {
        case .alreadyOpen(let deal): "deal \(deal) is open already; only a won or lost deal can be reopened"
        case .hasRefunds(let deal, let count):
            "deal \(deal) has \(count) refund\(count == 1 ? "" : "s"); a deal with money returned cannot be reopened"
        }
    }
}
