/// A phone number in E.164 form: `+79161234567`.
///
/// Keeps the digits; 11 digits starting with 8 or 7 become `+7…`; 10 digits starting with 3, 4, 7, 8 or 9 become
/// `+7…` (Russia's geographic codes 3xx, 4xx and 8xx, its mobiles 9xx, Kazakhstan's 7xx); a leading `+`, or the
/// international prefix `00`, or Russia's `8 10` before 10 to 15 more digits, keeps its digits; fewer than 10
/// digits, or more than 15 (E.164's limit), is an error.
/// An extension (`доб. 12`, `ext 5`, `x5`, `#5`, `;ext=5`) ends the number and is dropped; so does a word after it
/// (`8 916 123-45-67 Анна`), but letters with more digits after them are an error. A number that cannot carry its
/// country is an error: `+0…` (no country code starts with 0), a leading trunk `0` without `+` (`020 7946 0958`),
/// and 10 digits without `+` starting with 1, 2, 5 or 6. A trunk `0` written in parentheses after the country code
/// (`+44 (0)20 7946 0958`) is dropped, as dialling from abroad does; a bare trunk `0` after a country code whose
/// numbers never start with one (`+7 0916…`, `8 0916…`) cannot be dialled and is an error (``trunkZeroCountryCodes``).
public struct Phone: Hashable, Sendable, CustomStringConvertible {
    public let e164: String

    /// Normalises a phone as typed, so that `8 (916) 123-45-67`, `+7 916 123 45 67`, `916 123 45 67` and
    /// `00 7 916 123 45 67` are one person.
    ///
    /// A number of 11 or more digits without `+` that no Russian rule covers is taken as already international: `+`
    /// and its digits.
    public init(parsing raw: String) throws(ValidationError) {
        var (digits, sawPlus) = try Self.digits(of: raw)
        if !sawPlus, digits.count >= 2, digits[0] == Self.zero, digits[1] == Self.zero {
            // `00` is the international prefix dialled from most countries: the same as `+`.
            digits.removeFirst(2)
            sawPlus = true
        } else if !sawPlus, digits.count >= 13, digits.starts(with: Self.russianInternationalPrefix) {
            // `8 10` is the international prefix dialled from Russia (8, wait for the tone, 10): the same as `+`.
            // Never a Russian number: those are 11 digits, and no Russian code starts with 1 (3xx, 4xx, 8xx, 9xx).
            digits.removeFirst(3)
            sawPlus = true
        }
        guard digits.count >= 10 else { throw .invalidPhone(digits: digits.count) }
        guard digits.count <= Limits.maxPhoneDigits else { throw .phoneTooLong(digits: digits.count) }
        let text = String(decoding: digits, as: UTF8.self)
        let first = digits[0]
        if sawPlus {
            guard first != Self.zero else { throw .phoneCountryCodeZero }
            e164 = "+" + text
        } else if first == Self.zero {
            throw .phoneWithoutCountryCode(firstDigit: 0)
        } else if digits.count == 11 && (first == UInt8(ascii: "8") || first == UInt8(ascii: "7")) {
            e164 = "+7" + text.dropFirst()
        } else if digits.count == 10 {
            guard Self.russianFirstDigits.contains(first) else {
                throw .phoneWithoutCountryCode(firstDigit: Int(first - Self.zero))
            }
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

    private static let zero = UInt8(ascii: "0")

    /// `810`: Russia's old international prefix, 8 and 10, then the country code and the number (10 to 15 digits).
    private static let russianInternationalPrefix = Array("810".utf8)

    /// The first digits of a 10-digit number without a country code that are Russian or Kazakh (both `+7`): Russia's
    /// geographic codes 3xx, 4xx and 8xx, its mobiles 9xx, Kazakhstan's 7xx.
    private static let russianFirstDigits: Set<UInt8> = Set("34789".utf8)

    /// Words that start an extension after the number (compared lower-cased): Russian `доб.` (добавочный), `доп.`,
    /// `вн.` (внутренний), English `ext.`, `x`. `#` and RFC 3966's `;ext=` do too.
    static let extensionMarkers: Set<String> = ["доб", "добавочный", "доп", "вн", "ext", "extension", "x"]

    /// The number's digits and whether a `+` came before them. Reading stops at an extension or at a word after the
    /// digits; a word with more digits after it that is no extension marker is an error.
    private static func digits(of raw: String) throws(ValidationError) -> (digits: [UInt8], sawPlus: Bool) {
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var sawPlus = false
        let scalars = raw.unicodeScalars
        var index = scalars.startIndex
        func follows(_ text: String, at position: String.UnicodeScalarView.Index) -> Bool {
            var position = position
            for expected in text.unicodeScalars {
                guard position < scalars.endIndex,
                    scalars[position].properties.lowercaseMapping == String(expected)
                else { return false }
                position = scalars.index(after: position)
            }
            return true
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if scalar.isASCII, scalar.value >= 0x30 && scalar.value <= 0x39 {
                digits.append(UInt8(scalar.value))
            } else if digits.isEmpty {
                // Before the number only its `+` counts: `тел.`, `tel:` and the like are not part of it.
                if scalar == "+" { sawPlus = true }
            } else if scalar == "(", sawPlus, follows("0)", at: index) {
                index = scalars.index(index, offsetBy: 2)
            } else if scalar == "#" || (scalar == ";" && follows("ext=", at: index)) {
                break
            } else if scalar.properties.isAlphabetic {
                let start = scalars.index(before: index)
                while index < scalars.endIndex, scalars[index].properties.isAlphabetic {
                    index = scalars.index(after: index)
                }
                let word = String(scalars[start..<index]).lowercased()
                if !extensionMarkers.contains(word),
                    scalars[index...].contains(where: { $0.isASCII && $0.value >= 0x30 && $0.value <= 0x39 })
                {
                    throw .phoneLettersInside
                }
                break
            }
        }
        return (digits, sawPlus)
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
