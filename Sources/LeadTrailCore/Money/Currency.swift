/// An ISO 4217 currency with the number of digits of its minor unit.
public struct Currency: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The three-letter code, upper case: `RUB`.
    public let code: String
    /// Digits after the decimal point of the minor unit: 2 for RUB, 0 for JPY, 3 for KWD.
    public let minorDigits: Int

    /// Looks a code up in the ISO 4217 table, ignoring case and surrounding spaces.
    public init(code: String) throws(ValidationError) {
        let upper = code.trimmingWhitespace().uppercased()
        guard let digits = Currency.iso4217MinorDigits[upper] else { throw .unknownCurrency(code) }
        self.code = upper
        self.minorDigits = digits
    }

    public static let rub = try! Currency(code: "RUB")
    public static let usd = try! Currency(code: "USD")
    public static let eur = try! Currency(code: "EUR")

    public var description: String { code }

    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code < rhs.code }
}
