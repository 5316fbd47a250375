/// A value a user typed or a file held that LeadTrail cannot accept.
///
/// Each case prints as one line that names the problem. Personal data (a phone number, an email address)
/// stays out of the text, as GRDB keeps bound arguments out of its errors.
public enum ValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownCurrency(String)
    case invalidAmount(String)
    case tooManyDecimals(String, currency: String, digits: Int)
    case negativeAmount(String)
    case zeroRefund
    case invalidRate(String)
    case rateOutOfRange(String)
    case ambiguousRate(String)
    case ambiguousAmount(String)
    case invalidPhone(digits: Int)
    case phoneTooLong(digits: Int)
    case phoneTrunkZero(countryCode: String)
    case phoneCountryCodeZero
    case phoneWithoutCountryCode(firstDigit: Int)
    case phoneLettersInside
    case amountOutOfRange(String)
    case invalidEmail
    case invalidTimestamp(String)
    case invalidDate(String)
    case invalidTimeZone(String)
    case unknownStage(String)
    case stageCannotFollow(from: Stage, to: Stage)
    case unknownValue(String, field: String, allowed: [String])
    case missingValue(field: String)

    public var description: String {
        switch self {
        case .unknownCurrency(let code):
            "unknown currency code '\(Self.shown(code))' (expected an ISO 4217 code such as RUB, USD, EUR)"
        case .invalidAmount(let text):
            "invalid amount '\(Self.shown(text))' (expected a decimal number such as 12500.00)"
        case .tooManyDecimals(let text, let currency, let digits):
            "amount '\(Self.shown(text))' has more decimals than \(currency) allows (\(digits))"
        case .negativeAmount(let text): "amount '\(Self.shown(text))' is negative"
        case .zeroRefund: "a refund of 0 refunds nothing: give the amount returned (above 0)"
        case .invalidRate(let text): "invalid exchange rate '\(Self.shown(text))' (expected a positive decimal number)"
        case .ambiguousRate(let text): "exchange rate " + Self.readsTwoWays(text)
        case .ambiguousAmount(let text): "amount " + Self.readsTwoWays(text)
        case .rateOutOfRange(let text):
            "exchange rate '\(Self.shown(text))' is out of range (expected 0.000000001 to 1000000000)"
        case .invalidPhone(let digits): "phone has \(digits) digit\(digits == 1 ? "" : "s"); at least 10 are needed"
        case .phoneTooLong(let digits):
            "phone has \(digits) digits; at most \(Limits.maxPhoneDigits) are allowed (E.164)"
        case .phoneTrunkZero(let code):
            "phone has a trunk 0 after the country code +\(code), which cannot be dialled (write +\(code) and the "
                + "number without that 0)"
        case .phoneCountryCodeZero: "phone has a 0 right after the +, but no country code starts with 0"
        case .phoneWithoutCountryCode(let first) where first == 0:
            "phone starts with a trunk 0, which is dialled only inside its country: write it with + and the country "
                + "code (+44 20 7946 0958, not 020 7946 0958)"
        case .phoneWithoutCountryCode(let first):
            "phone has 10 digits starting with \(first) and no country code, which is no Russian number: write it "
                + "with + and the country code"
        case .phoneLettersInside:
            "phone has letters inside the number (an extension goes after it: доб. 12, ext 12, x12, #12)"
        case .amountOutOfRange(let text):
            "amount '\(Self.shown(text))' is out of range (at most \(Limits.maxMinorUnits) minor units, 15 digits)"
        case .invalidEmail: "email has no '@'"
        case .invalidTimestamp(let text):
            "invalid time '\(Self.shown(text))' (expected a time such as 2026-10-01T12:30:00+03:00 or 2026-10-01 12:30)"
        case .invalidDate(let text): "invalid date '\(Self.shown(text))' (expected YYYY-MM-DD)"
        case .invalidTimeZone(let name):
            "unknown time zone '\(Self.shown(name))' (expected an IANA name such as Europe/Moscow)"
        case .unknownStage(let text):
            "unknown stage '\(Self.shown(text))' (expected one of "
                + "\(Stage.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .stageCannotFollow(let from, let to): "stage \(to.rawValue) cannot follow \(from.rawValue)"
        case .unknownValue(let text, let field, let allowed):
            "unknown \(field) '\(Self.shown(text))' (expected one of \(allowed.joined(separator: ", ")))"
        case .missingValue(let field): "\(field) is required"
        }
    }

    /// `'12,500' reads two ways …`: the two readings of a comma (or, in an amount, a point) before three digits,
    /// each as the user would write it: the decimal one without its trailing zeros (`12.5`, which every command
    /// takes as it is), the whole one without the mark (`12500`).
    static func readsTwoWays(_ text: String) -> String {
        let mark: Character = text.contains(",") ? "," : "."
        var decimal = String(text.map { $0 == mark ? "." : $0 })
        while decimal.hasSuffix("0"), let point = decimal.firstIndex(of: "."),
            decimal.distance(from: point, to: decimal.endIndex) > 2
        {
            decimal.removeLast()
        }
        let name = mark == "," ? "a decimal comma" : "a decimal point"
        return "'\(shown(text))' reads two ways (\(name), or thousands): write \(shown(decimal)) or "
            + "\(shown(String(text.filter { $0 != mark })))"
    }
}
