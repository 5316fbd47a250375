/// A decimal number split into its sign and ASCII digit runs, with no value computed yet.
struct DecimalText {
    var isNegative: Bool
    var integer: [UInt8]
    var fraction: [UInt8]

    /// Reads `[+-]digits[.digits]`; with `allowsLocaleForms`, also a comma decimal mark and space, U+00A0 or
    /// U+202F between groups of three digits. Exponents, `inf` and stray characters are rejected.
    init?(_ text: String, allowsLocaleForms: Bool) {
        var scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        isNegative = false
        if scalars[0] == "-" || scalars[0] == "+" || scalars[0] == "\u{2212}" {
            isNegative = scalars[0] != "+"
            scalars.removeFirst()
        }
        integer = []
        fraction = []
        var index = 0
        var groupLength = 0
        var sawGroupSeparator = false
        while index < scalars.count {
            let scalar = scalars[index]
            if let digit = DecimalText.asciiDigit(scalar) {
                integer.append(digit)
                groupLength += 1
            } else if allowsLocaleForms && DecimalText.isGroupSeparator(scalar) {
                // A separator sits between digits, after a first group of 1–3 and between groups of exactly 3.
                guard groupLength > 0, sawGroupSeparator ? groupLength == 3 : groupLength <= 3 else { return nil }
                sawGroupSeparator = true
                groupLength = 0
            } else {
                break
            }
            index += 1
        }
        guard !integer.isEmpty, groupLength > 0 else { return nil }
        if sawGroupSeparator && groupLength != 3 { return nil }
        if index < scalars.count {
            let mark = scalars[index]
            guard mark == "." || (allowsLocaleForms && mark == ",") else { return nil }
            index += 1
            while index < scalars.count, let digit = DecimalText.asciiDigit(scalars[index]) {
                fraction.append(digit)
                index += 1
            }
            guard !fraction.isEmpty, index == scalars.count else { return nil }
        }
    }

    /// True for `[+-]digits,ddd` — a comma followed by exactly three digits and no other separator (`12,500`,
    /// `9,550`): a decimal comma (12.5) or a thousands separator (12500), and nothing in the text says which.
    ///
    /// The one rule behind refusing a typed amount (``Money/parse(typed:currency:allowsNegative:)``) and a rate
    /// (``ExchangeRate/parse(_:)``) rather than guessing; with spaces between groups (`12 500,500`) the comma can
    /// only be the decimal mark, so such text is not ambiguous.
    static func commaReadsTwoWays(_ text: String) -> Bool { markReadsTwoWays(text, mark: ",") }

    /// True for `[+-]digits<mark>ddd`: ``commaReadsTwoWays(_:)`` for a comma, and for a point (`12.500`) where a
    /// point is also how many people group thousands (12.500 ₽ is twelve and a half thousand in Germany and often
    /// in Russia) — refused in a typed amount of a currency with fewer than three minor digits.
    static func markReadsTwoWays(_ text: String, mark: Unicode.Scalar) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let sign = scalars.first, sign == "-" || sign == "+" || sign == "\u{2212}" { scalars = scalars.dropFirst() }
        let parts = scalars.split(separator: mark, omittingEmptySubsequences: false)
        // A lone 0 before the comma (`0,125`) starts no thousands group: it can only be the decimal mark.
        guard parts.count == 2, !parts[0].isEmpty, !parts[0].elementsEqual(["0"] as [Unicode.Scalar]),
            parts[1].count == 3
        else {
            return false
        }
        return parts.allSatisfy { $0.allSatisfy { asciiDigit($0) != nil } }
    }

    /// `1,234,567.89` or `1,234,567` (English groups: commas between groups of three digits, an optional decimal
    /// point) without its commas; nil for any other text. `1,200` alone reads two ways: see ``commaReadsTwoWays(_:)``.
    static func withoutEnglishGroups(_ text: String) -> String? {
        var scalars = Substring(text).unicodeScalars[...]
        var sign = ""
        if let first = scalars.first, first == "-" || first == "+" || first == "\u{2212}" {
            sign = first == "+" ? "" : "-"
            scalars = scalars.dropFirst()
        }
        let point = scalars.firstIndex(of: ".")
        let whole = point.map { scalars[..<$0] } ?? scalars
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        // A first group of 0 (`0,125`) or with a leading 0 starts no thousands: that comma is a decimal mark.
        guard groups.count > 1, (1...3).contains(groups[0].count), groups[0].first != "0",
            groups.dropFirst().allSatisfy({ $0.count == 3 }),
            groups.allSatisfy({ $0.allSatisfy { asciiDigit($0) != nil } })
        else { return nil }
        if let point {
            let fraction = scalars[scalars.index(after: point)...]
            guard !fraction.isEmpty, fraction.allSatisfy({ asciiDigit($0) != nil }) else { return nil }
        }
        return sign + groups.map { String(String.UnicodeScalarView($0)) }.joined()
            + (point.map { String(String.UnicodeScalarView(scalars[$0...])) } ?? "")
    }

    private static func asciiDigit(_ scalar: Unicode.Scalar) -> UInt8? {
        scalar.value >= 0x30 && scalar.value <= 0x39 ? UInt8(scalar.value) : nil
    }

    private static func isGroupSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{00A0}" || scalar == "\u{202F}"
    }
}
