/// Money returned on a deal: a value-only sale event of −amount at its own time.
public struct Refund: Hashable, Sendable {
    public var amount: Money
    public var at: Timestamp

    public init(amount: Money, at: Timestamp) {
        self.amount = amount
        self.at = at
    }
}
