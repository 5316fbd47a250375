public import LeadTrailCore

/// A deal as `deal show` shows it: where it came from, and each refund with its number and origin, so that a deal or
/// refund entered by hand can be named to `deal remove` or `deal refund --remove`.
public struct DealDetail: Sendable, Hashable {
    public var deal: Deal
    /// The import batch whose record the deal is now; nil for a deal added by hand (`deal add`).
    public var importBatch: Int64?
    /// The deal's refunds in time order, as ``Deal/refunds`` holds them, with their numbers and origins.
    public var refunds: [StoredRefund]

    public init(deal: Deal, importBatch: Int64?, refunds: [StoredRefund]) {
        self.deal = deal
        self.importBatch = importBatch
        self.refunds = refunds
    }
}

/// A refund as the store keeps it: its number, and the import batch that brought it (nil: recorded by hand).
public struct StoredRefund: Sendable, Hashable {
    public var id: Int64
    public var refund: Refund
    public var importBatch: Int64?

    public init(id: Int64, refund: Refund, importBatch: Int64?) {
        self.id = id
        self.refund = refund
        self.importBatch = importBatch
    }
}
