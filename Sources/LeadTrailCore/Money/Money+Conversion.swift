extension Money {
    /// This amount in another currency's minor units, unrounded: fractions live only in computation.
    ///
    /// `rate` is units of `target` per one unit of `currency`; the minor digits of both currencies are honoured
    /// (100.00 USD at 92.5 → 925000.0 RUB kopecks; 100 JPY at 0.6 → 6000.0 RUB kopecks).
    public func converted(to target: Currency, rate: Double) -> Double { fatalError("TODO") }

    /// Rounds a computed count of minor units once, half away from zero (2.5 → 3, −2.5 → −3).
    public static func roundedMinorUnits(_ value: Double) -> Int64 { fatalError("TODO") }
}

extension ExchangeRate {
    /// Parses a positive decimal rate (`92.5`, `0,0108` with a comma too).
    public static func parseRate(_ text: String) throws(ValidationError) -> Double { fatalError("TODO") }
}
