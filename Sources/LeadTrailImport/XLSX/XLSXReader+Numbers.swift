extension XLSXReader {
    /// A number cell's stored text as Excel shows it: rounded to 15 significant digits, half away from zero, written
    /// without an exponent and without trailing zeros (`1165.0999999999999` → `1165.1`, `2.5E-3` → `0.0025`).
    ///
    /// Excel stores the binary double's shortest round-trip text (17 digits), but shows and computes with 15: a spend
    /// typed as 1165.1 must not be refused for having more decimals than the currency allows. Text that is not a
    /// decimal number, or whose exponent is beyond ±30, is returned as it is, for the money parser to judge.
    static func displayedNumber(_ stored: String) -> String {
        var scalars = Substring(stored)
        var negative = false
        if scalars.first == "-" || scalars.first == "+" {
            negative = scalars.first == "-"
            scalars = scalars.dropFirst()
        }
        var mantissa = scalars
        var exponent = 0
        if let marker = scalars.firstIndex(where: { $0 == "E" || $0 == "e" }) {
            mantissa = scalars[..<marker]
            guard let value = Int(scalars[scalars.index(after: marker)...]), abs(value) <= 30 else { return stored }
            exponent = value
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !mantissa.isEmpty, mantissa != ".",
            parts.allSatisfy({ $0.allSatisfy { $0 >= "0" && $0 <= "9" } })
        else { return stored }
        // The value is 0.digits × 10^point.
        var digits = Array(parts[0].utf8) + (parts.count == 2 ? Array(parts[1].utf8) : [])
        var point = parts[0].count + exponent
        while let first = digits.first, first == UInt8(ascii: "0") {
            digits.removeFirst()
            point -= 1
        }
        guard !digits.isEmpty else { return "0" }
        if digits.count > 15 {
            let roundsUp = digits[15] >= UInt8(ascii: "5")
            digits.removeLast(digits.count - 15)
            if roundsUp {
                var index = digits.count - 1
                while index >= 0, digits[index] == UInt8(ascii: "9") {
                    digits[index] = UInt8(ascii: "0")
                    index -= 1
                }
                if index >= 0 {
                    digits[index] += 1
                } else {
                    digits.insert(UInt8(ascii: "1"), at: 0)
                    point += 1
                }
            }
        }
        while digits.count > max(point, 0), digits.last == UInt8(ascii: "0") { digits.removeLast() }
        var text: String
        if point <= 0 {
            text = "0." + String(repeating: "0", count: -point) + String(decoding: digits, as: UTF8.self)
        } else if point >= digits.count {
            text = String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: point - digits.count)
        } else {
            text =
                String(decoding: digits[..<point], as: UTF8.self) + "."
                + String(decoding: digits[point...], as: UTF8.self)
        }
        if negative { text = "-" + text }
        return text
    }
}
