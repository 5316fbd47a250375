/// Money returned on a deal: a value-only sale event of −amount at its own time.
public struct Refund: Hashable, Sendable {
    public var amount: Money
    public var at: Timestamp
    /// The refund's number in the store (`deal show` lists it, `deal refund REF --remove ID` takes it); nil for one
    /// not stored yet (read from a file).
    public var id: Int64?
    /// The import batch that brought it; nil for a refund recorded by hand (`deal refund`).
    public var importBatch: Int64?

    public init(amount: Money, at: Timestamp, id: Int64? = nil, importBatch: Int64? = nil) {
        self.amount = amount
        self.at = at
        self.id = id
        self.importBatch = importBatch
    }
}
