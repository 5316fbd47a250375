extension Money {
    /// Parses an exact decimal amount in major units (`12500.00`, `12500`, `-3.5`).
    ///
    /// More decimals than the currency's minor unit is an error (`12.345` RUB); a negative amount is an error unless
    /// `allowsNegative`; more than 15 digits of minor units (``Limits/maxMinorUnits``) is out of range. With
    /// `allowsLocaleForms`, the Russian CSV forms are accepted too: `1 234,50` with a space or no-break space (U+00A0,
    /// U+202F) between thousands and a comma as the decimal mark; a comma before exactly three digits (`12,500`)
    /// then reads two ways and is refused.
    public static func parse(
        _ text: String, currency: Currency, allowsNegative: Bool = false, allowsLocaleForms: Bool = false
    ) throws(ValidationError) -> Money {
        let trimmed = text.trimmingWhitespace()
        guard let parsed = DecimalText(trimmed, allowsLocaleForms: allowsLocaleForms) else {
            throw .invalidAmount(text)
        }
        // A table cell `12,500` is 12.50 to a Russian export and 12500 to an English one (Google Ads writes
        // thousands with commas): refused naming both, never read as the smaller.
        if allowsLocaleForms && DecimalText.commaReadsTwoWays(trimmed) { throw .ambiguousAmount(trimmed) }
        // Zeros past the minor unit change nothing (12.340 RUB is 12.34 RUB).
        var fraction = parsed.fraction[...]
        while fraction.count > currency.minorDigits, fraction.last == UInt8(ascii: "0") {
            fraction = fraction.dropLast()
        }
        guard fraction.count <= currency.minorDigits else {
            throw .tooManyDecimals(text, currency: currency.code, digits: currency.minorDigits)
        }
        var magnitude: Int64 = 0
        for digit in parsed.integer {
            magnitude = try appendDigit(digit, to: magnitude, text: text)
        }
        for index in 0..<currency.minorDigits {
            let digit = index < fraction.count ? fraction[fraction.startIndex + index] : UInt8(ascii: "0")
            magnitude = try appendDigit(digit, to: magnitude, text: text)
        }
        guard magnitude <= Limits.maxMinorUnits else { throw .amountOutOfRange(text) }
        if parsed.isNegative && magnitude != 0 {
            guard allowsNegative else { throw .negativeAmount(text) }
            return Money(minorUnits: -magnitude, currency: currency)
        }
        return Money(minorUnits: magnitude, currency: currency)
    }

    /// Parses an amount as people type it on the command line (`deal add`, `deal refund`, `spend add`, `goal set`,
    /// `campaign add --budget`): `12500.50`, `12500,50`, `12 500,50`.
    ///
    /// A comma is the decimal mark (`100,5` is 100.50), as Russian keyboards and bank sites write it, and spaces
    /// may group thousands, as in ``parse(_:currency:allowsNegative:allowsLocaleForms:)`` with `allowsLocaleForms`.
    /// A comma followed by exactly three digits and nothing else (`12,500`) reads as 12.5 or as 12500 and is
    /// refused (``ValidationError/ambiguousAmount(_:)``), as an exchange rate's is; so is a point before three
    /// digits (`12.500`) in a currency with fewer than three minor digits, where it cannot be decimals; more decimals
    /// than the currency has stay an error.
    public static func parse(typed text: String, currency: Currency, allowsNegative: Bool = false)
        throws(ValidationError) -> Money
    {
        let trimmed = text.trimmingWhitespace()
        if DecimalText.commaReadsTwoWays(trimmed) { throw .ambiguousAmount(trimmed) }
        let money = try parse(text, currency: currency, allowsNegative: allowsNegative, allowsLocaleForms: true)
        // `12.500` RUB would be 12.50 (the zero changes nothing), or is 12500 with a point between thousands.
        if currency.minorDigits < 3 && DecimalText.markReadsTwoWays(trimmed, mark: ".") {
            throw .ambiguousAmount(trimmed)
        }
        return money
    }

    /// Parses an amount as a CRM or spreadsheet export writes it in a table cell: `24900.00`, `24 900,00` (Russian,
    /// space or no-break space thousands, decimal comma) and `1,200.50` or `1,200,000` (English, comma thousands).
    ///
    /// A comma before exactly three digits and nothing else (`1,200`) reads as 1.2 or as 1200 and is refused
    /// (``ValidationError/ambiguousAmount(_:)``, naming both readings), as a typed amount's is; a point and a comma
    /// in one cell are read only as English groups with a decimal point.
    public static func parse(cell text: String, currency: Currency, allowsNegative: Bool = false)
        throws(ValidationError) -> Money
    {
        let trimmed = text.trimmingWhitespace()
        if DecimalText.commaReadsTwoWays(trimmed) { throw .ambiguousAmount(trimmed) }
        if let plain = DecimalText.withoutEnglishGroups(trimmed) {
            do throws(ValidationError) {
                return try parse(plain, currency: currency, allowsNegative: allowsNegative)
            } catch {
                // Quote the cell as written, not the text it was read as.
                throw quoting(error, text)
            }
        }
        return try parse(text, currency: currency, allowsNegative: allowsNegative, allowsLocaleForms: true)
    }

    /// `error` about an amount, quoting `text` instead of the text it was read as.
    private static func quoting(_ error: ValidationError, _ text: String) -> ValidationError {
        switch error {
        case .invalidAmount: .invalidAmount(text)
        case .tooManyDecimals(_, let currency, let digits): .tooManyDecimals(text, currency: currency, digits: digits)
        case .negativeAmount: .negativeAmount(text)
        case .amountOutOfRange: .amountOutOfRange(text)
        default: error
        }
    }

    private static func appendDigit(_ digit: UInt8, to value: Int64, text: String) throws(ValidationError) -> Int64 {
        let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
        if overflow1 || overflow2 { throw .amountOutOfRange(text) }
        return sum
    }

    /// The amount in major units as exact text: `12500.00`, `-3.50`, `100` for JPY.
    ///
    /// Always carries all the minor digits so that exported files read back to the same amount.
    public var amountText: String {
        let digits = currency.minorDigits
        let magnitude = minorUnits.magnitude
        let sign = minorUnits < 0 ? "-" : ""
        guard digits > 0 else { return sign + String(magnitude) }
        var divisor: UInt64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let fraction = String(magnitude % divisor)
        let padding = String(repeating: "0", count: digits - fraction.count)
        return "\(sign)\(magnitude / divisor).\(padding)\(fraction)"
    }
}
