/// An amount of money: an integer count of minor units and its currency. Never a floating-point number.
public struct Money: Hashable, Sendable {
    /// Kopecks for RUB, cents for USD.
    public var minorUnits: Int64
    public var currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }
}
