/// A goal's target, stored exactly: money as integer minor units with its currency, anything else as decimal text.
public enum GoalTarget: Hashable, Sendable {
    /// A money metric's target (`cpl`, `spend`, `revenue`…).
    case money(Money)
    /// A ratio (`0.05`) or a count (`120`) as normalised decimal text: no exponent, no trailing zeros after the
    /// point, at most ``decimalDigits`` decimals.
    case decimal(String)

    /// Ratios and counts keep six decimals, as reports print them.
    public static let decimalDigits = 6

    /// Parses `--target` for a metric: major units in `currency` for money (`450`, `450.50`, `450,50`), a plain
    /// decimal or a percentage for a ratio (`0.05`, `0,05`, `5%`, `2,5%`), a plain decimal for a count (`1 500`).
    ///
    /// Negative targets are refused except for `romi`, which is below zero when a campaign loses money. A capped
    /// share (`ctr`, `lead_rate`, `win_rate`) above 1 (100%), a fractional count and a count of more than 15 digits
    /// are refused too.
    public static func parse(_ text: String, for metric: GoalMetric, currency: Currency) throws(GoalError)
        -> GoalTarget
    {
        var trimmed = text.trimmingWhitespace()
        let isPercent = trimmed.hasSuffix("%")
        if isPercent {
            guard metric.acceptsPercent else { throw .percentNotAllowed(text, metric: metric) }
            trimmed = String(trimmed.dropLast()).trimmingWhitespace()
        }
        // Every target is typed as an amount on the command line is (`12000,50`, `12 000,50`, `0,05`): a comma
        // that reads two ways (`1,500`) is refused, not guessed.
        guard let parsed = DecimalText(trimmed, allowsLocaleForms: true) else {
            throw .invalidTarget(text, metric: metric)
        }
        if DecimalText.commaReadsTwoWays(trimmed) { throw .ambiguousTarget(text, metric: metric) }
        let isZero = (parsed.integer + parsed.fraction).allSatisfy { $0 == UInt8(ascii: "0") }
        if parsed.isNegative && !isZero && metric != .romi { throw .negativeTarget(text, metric: metric) }
        if metric.isMoney {
            do {
                return .money(try Money.parse(typed: trimmed, currency: currency))
            } catch {
                switch error {
                case .ambiguousAmount: throw .ambiguousTarget(text, metric: metric)
                case .tooManyDecimals:
                    throw .tooManyDecimals(text, currency: currency.code, digits: currency.minorDigits)
                case .amountOutOfRange: throw .targetOutOfRange(text, metric: metric)
                default: throw .invalidTarget(text, metric: metric)
                }
            }
        }
        // The digits without the point, and how many of them are decimals; a percentage moves the point two places.
        var digits = parsed.integer + parsed.fraction
        var scale = parsed.fraction.count + (isPercent ? 2 : 0)
        while scale > 0, digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            scale -= 1
        }
        guard scale <= decimalDigits else { throw .tooPrecise(text, digits: decimalDigits) }
        if metric.isAdditive && scale > 0 { throw .fractionalCount(text, metric: metric) }
        while digits.count <= scale { digits.insert(UInt8(ascii: "0"), at: 0) }
        var integer = Array(digits[..<(digits.count - scale)])
        while integer.count > 1, integer.first == UInt8(ascii: "0") { integer.removeFirst() }
        let fraction = digits[(digits.count - scale)...]
        try checkRange(integer: integer, fraction: fraction, text: text, metric: metric)
        var result = String(decoding: integer, as: UTF8.self)
        if !fraction.isEmpty { result += "." + String(decoding: fraction, as: UTF8.self) }
        if parsed.isNegative && !isZero { result = "-" + result }
        return .decimal(result)
    }

    /// A capped share (`ctr`, `lead_rate`, `win_rate`) is at most 1 (100%); a count, or any other plain target, has
    /// at most 15 integer digits (``Limits/maxCount``), so that evaluation, which compares it as a `Double`, holds it
    /// exactly.
    private static func checkRange(integer: [UInt8], fraction: ArraySlice<UInt8>, text: String, metric: GoalMetric)
        throws(GoalError)
    {
        let isZeroFraction = fraction.allSatisfy { $0 == UInt8(ascii: "0") }
        if metric.isCappedShare {
            let isOne = integer == [UInt8(ascii: "1")] && isZeroFraction
            let isBelowOne = integer == [UInt8(ascii: "0")]
            guard isBelowOne || isOne else { throw .rateAboveOne(text, metric: metric) }
        }
        let maxDigits = String(Limits.maxCount).utf8.count
        guard integer.count <= maxDigits else { throw .targetOutOfRange(text, metric: metric) }
    }

    /// The target as goal evaluation compares it: minor units for money, the plain number otherwise.
    public var value: Double {
        switch self {
        case .money(let money): Double(money.minorUnits)
        case .decimal(let text): Double(text) ?? 0
        }
    }

    /// The currency of a money target.
    public var currency: Currency? {
        if case .money(let money) = self { return money.currency }
        return nil
    }

    /// The number alone, exact: `450.00`, `0.05`.
    public var numberText: String {
        switch self {
        case .money(let money): money.amountText
        case .decimal(let text): text
        }
    }

    /// The number with its currency: `450.00 RUB`, `0.05`.
    public var text: String {
        switch self {
        case .money(let money): "\(money.amountText) \(money.currency.code)"
        case .decimal(let text): text
        }
    }
}
