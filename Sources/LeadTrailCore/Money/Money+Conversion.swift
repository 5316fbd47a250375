extension Money {
    /// This amount in another currency's minor units, unrounded: fractions live only in computation.
    ///
    /// `rate` is units of `target` per one unit of `currency`; the minor digits of both currencies are honoured
    /// (100.00 USD at 92.5 → 925000.0 RUB kopecks; 100 JPY at 0.6 → 6000.0 RUB kopecks).
    public func converted(to target: Currency, rate: Double) -> Double {
        // Scale by whole powers of ten before or after the rate so that no extra binary fraction creeps in.
        let shift = target.minorDigits - currency.minorDigits
        var value = Double(minorUnits)
        if shift > 0 { value *= Money.powerOfTen(shift) }
        value *= rate
        if shift < 0 { value /= Money.powerOfTen(-shift) }
        return value
    }

    /// Rounds a computed count of minor units once, half away from zero (2.5 → 3, −2.5 → −3).
    ///
    /// Non-finite values (a division by a zero rate) become 0 rather than trapping in a report.
    public static func roundedMinorUnits(_ value: Double) -> Int64 {
        guard value.isFinite else { return 0 }
        let rounded = value.rounded(.toNearestOrAwayFromZero)
        if rounded >= 9_223_372_036_854_775_807.0 { return .max }
        if rounded <= -9_223_372_036_854_775_808.0 { return .min }
        return Int64(rounded)
    }

    static func powerOfTen(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}

extension ExchangeRate {
    /// Parses a positive decimal rate (`92.5`, `0,0108` with a comma too).
    ///
    /// Rates are copied from bank sites that write a comma decimal mark; exponents and signs are refused, and so is
    /// a rate outside ``Limits/exchangeRates`` (10⁻⁹ to 10⁹), whose inverse or product no report could add up
    /// exactly. A comma followed by exactly three digits (`9,550`, `15,500`) reads two ways, 9.55 or 9550, and is
    /// refused rather than guessed.
    public static func parseRate(_ text: String) throws(ValidationError) -> Double {
        try parse(text).rate
    }

    /// The rate and its text as LeadTrail keeps and prints it: a point for the decimal mark (`95,50` → `95.50`), so
    /// a listing's JSON number is a number.
    public static func parse(_ text: String) throws(ValidationError) -> (rate: Double, text: String) {
        let trimmed = text.trimmingWhitespace()
        var sawDigit = false
        var sawMark = false
        var normalized = ""
        normalized.reserveCapacity(trimmed.utf8.count)
        for byte in trimmed.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                normalized.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard !sawMark, sawDigit else { throw .invalidRate(text) }
                sawMark = true
                normalized.append(".")
            default:
                throw .invalidRate(text)
            }
        }
        guard sawDigit, normalized.last != ".", let rate = Double(normalized), rate > 0, rate.isFinite else {
            throw .invalidRate(text)
        }
        if DecimalText.commaReadsTwoWays(trimmed) { throw .ambiguousRate(trimmed) }
        guard Limits.exchangeRates.contains(rate) else { throw .rateOutOfRange(text) }
        return (rate, normalized)
    }

    /// A rate from its text (``parse(_:)``), kept with the normalised text.
    public init(date: CalendarDate, from: Currency, to: Currency, parsing text: String) throws(ValidationError) {
        let (rate, normalized) = try Self.parse(text)
        self.init(date: date, from: from, to: to, rate: rate, rateText: normalized)
    }
}
