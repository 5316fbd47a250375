/// How many units of `to` one unit of `from` buys on a calendar date.
public struct ExchangeRate: Hashable, Sendable {
    public var date: CalendarDate
    public var from: Currency
    public var to: Currency
    /// The rate as the user wrote it, kept exactly for storage and display.
    public var rateText: String
    /// The rate for computation.
    public var rate: Double

    public init(date: CalendarDate, from: Currency, to: Currency, rate: Double, rateText: String) {
        self.date = date
        self.from = from
        self.to = to
        self.rate = rate
        self.rateText = rateText
    }
}
