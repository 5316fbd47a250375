/// A phone number in E.164 form: `+79161234567`.
///
/// Keeps the digits; 11 digits starting with 8 or 7 become `+7…`; 10 digits starting with 9 become `+79…`;
/// a leading `+` keeps its digits; fewer than 10 digits, or more than 15 (E.164's limit), is an error. A trunk `0`
/// written in parentheses after the country code (`+44 (0)20 7946 0958`) is dropped, as dialling from abroad does; a
/// bare trunk `0` after a country code whose numbers never start with one (`+7 0916…`, `8 0916…`) cannot be dialled
/// and is an error (``trunkZeroCountryCodes``).
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
        let bytes = Array(raw.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if sawPlus && sawDigit && byte == UInt8(ascii: "(") && index + 1 < bytes.count
                && bytes[index] == UInt8(ascii: "0") && bytes[index + 1] == UInt8(ascii: ")")
            {
                index += 2
            } else if byte >= 0x30 && byte <= 0x39 {
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
        if let code = Self.trunkZeroCountryCodes.first(where: { e164.utf8.dropFirst().starts(with: $0.utf8) }),
            e164.utf8.dropFirst(1 + code.utf8.count).first == UInt8(ascii: "0")
        {
            throw .phoneTrunkZero(countryCode: code)
        }
    }

    /// Country codes whose numbers never start with 0 after the code: a `0` there is the trunk prefix dialled at home,
    /// never part of the international number. (Italy, whose landlines keep their 0, is not among them.) E.164 codes
    /// are prefix-free, so at most one matches.
    static let trunkZeroCountryCodes = [
        "1", "7", "31", "32", "33", "34", "41", "43", "44", "46", "47", "48", "49", "55", "61", "81", "82", "86", "90",
        "91", "370", "371", "372", "373", "374", "375", "380", "972", "992", "993", "994", "995", "996", "998",
    ]

    /// A phone the store wrote: already E.164, taken as it is, so that a database written by an older, more lenient
    /// build (before the trunk-0 rule) still reads and its people keep their contacts.
    public init(stored e164: String) {
        self.e164 = e164
    }

    public var description: String { e164 }
}
