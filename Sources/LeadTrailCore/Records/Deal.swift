/// A deal with one lead. Revenue is its amount when won, at its close time; refunds are negative revenue.
public struct Deal: Hashable, Sendable, Identifiable {
    public var id: Int64
    /// The id the importing system gave the deal (`d-1001`).
    public var externalID: String?
    /// Nil while the deal's lead has not arrived yet (an imported deal naming an unknown person).
    public var leadID: Int64?
    public var amount: Money
    public var status: DealStatus
    public var createdAt: Timestamp
    public var closedAt: Timestamp?
    public var refunds: [Refund]

    public init(
        id: Int64, externalID: String? = nil, leadID: Int64?, amount: Money, status: DealStatus = .open,
        createdAt: Timestamp, closedAt: Timestamp? = nil, refunds: [Refund] = []
    ) {
        self.id = id
        self.externalID = externalID
        self.leadID = leadID
        self.amount = amount
        self.status = status
        self.createdAt = createdAt
        self.closedAt = closedAt
        self.refunds = refunds
    }
}
