/// A phone number in E.164 form: `+79161234567`.
///
/// Keeps the digits; 11 digits starting with 8 or 7 become `+7…`; 10 digits starting with 9 become `+79…`;
/// a leading `+` keeps its digits; fewer than 10 digits, or more than 15 (E.164's limit), is an error.
public struct Phone: Hashable, Sendable, CustomStringConvertible {
    public let e164: String

    /// Normalises a phone as typed, so that `8 (916) 123-45-67` and `+7 916 123 45 67` are one person.
    ///
    /// A number of 10 or more digits that no Russian rule covers is taken as already international: `+` and its
    /// digits.
    public init(parsing raw: String) throws(ValidationError) {
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var sawPlus = false
        var sawDigit = false
        for byte in raw.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                digits.append(byte)
                sawDigit = true
            } else if byte == UInt8(ascii: "+") && !sawDigit {
                sawPlus = true
            }
        }
        guard digits.count >= 10 else { throw .invalidPhone(digits: digits.count) }
        guard digits.count <= Limits.maxPhoneDigits else { throw .phoneTooLong(digits: digits.count) }
        let text = String(decoding: digits, as: UTF8.self)
        if sawPlus {
            e164 = "+" + text
        } else if digits.count == 11 && (digits[0] == UInt8(ascii: "8") || digits[0] == UInt8(ascii: "7")) {
            e164 = "+7" + text.dropFirst()
        } else if digits.count == 10 && digits[0] == UInt8(ascii: "9") {
            e164 = "+7" + text
        } else {
            e164 = "+" + text
        }
    }

    public var description: String { e164 }
}
