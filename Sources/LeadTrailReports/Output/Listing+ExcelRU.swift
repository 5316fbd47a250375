extension Listing {
    /// The listing as a Russian Excel opens it with a double-click (``CSVDialect/excelRU``): `;` between fields, CRLF
    /// line ends, a decimal comma, times as `ДД.ММ.ГГГГ ЧЧ:ММ` (a UTC time's column says `(UTC)` in its name), phones
    /// as text. The byte order mark is not here but at the start of the whole output (the CLI writes it once, even
    /// when a report prints two tables).
    ///
    /// The same spreadsheet-safe rule as RFC 4180's: a text cell that would run as a formula gets a leading `'`.
    public var excelRUCSV: String {
        let cells = rows.map { row in row.map(Self.excelRUCell) }
        var header = columns
        for index in header.indices {
            let utc = rows.indices.contains { row in
                index < rows[row].count && Self.isUTCTime(rows[row][index])
            }
            if utc { header[index] += " (UTC)" }
        }
        var out = header.map { Self.excelRUField(Self.spreadsheetSafe(.string($0))) }.joined(separator: ";") + "\r\n"
        for row in cells {
            out += row.map(Self.excelRUField).joined(separator: ";") + "\r\n"
        }
        return out
    }

    /// One cell's text in the dialect, before quoting.
    static func excelRUCell(_ value: OutputValue) -> String {
        switch value {
        case .decimal(let text): return String(text.map { $0 == "." ? "," : $0 })
        case .string(let text):
            if let time = russianTime(text) { return time }
            if let phone = phoneAsText(text) { return phone }
            return spreadsheetSafe(value)
        default: return spreadsheetSafe(value)
        }
    }

    /// `2026-11-03`, `2026-11-03 12:30` and RFC 3339 (`2026-11-03T09:30:00Z`, `…:00.250000Z`) as `03.11.2026` and
    /// `03.11.2026 12:30`, which a Russian-locale spreadsheet reads as a date; nil for anything else.
    static func russianTime(_ text: String) -> String? {
        let characters = Array(text.utf8)
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= characters.count && range.allSatisfy { isDigit(characters[$0]) }
        }
        func at(_ index: Int, _ scalar: Unicode.Scalar) -> Bool {
            index < characters.count && characters[index] == UInt8(ascii: scalar)
        }
        guard digits(0..<4), at(4, "-"), digits(5..<7), at(7, "-"), digits(8..<10) else { return nil }
        let date = "\(slice(text, 8, 10)).\(slice(text, 5, 7)).\(slice(text, 0, 4))"
        if characters.count == 10 { return date }
        guard at(10, " ") || at(10, "T"), digits(11..<13), at(13, ":"), digits(14..<16) else { return nil }
        let time = "\(date) \(slice(text, 11, 16))"
        if characters.count == 16 && at(10, " ") { return time }
        guard at(10, "T"), characters.last == UInt8(ascii: "Z"), at(16, ":"), digits(17..<19) else { return nil }
        let rest = characters[19..<(characters.count - 1)]
        guard rest.isEmpty || rest.first == UInt8(ascii: ".") && rest.dropFirst().allSatisfy(isDigit) else {
            return nil
        }
        return time
    }

    /// Whether a cell holds an RFC 3339 UTC time, whose column the dialect names `(UTC)`.
    static func isUTCTime(_ value: OutputValue) -> Bool {
        guard case .string(let text) = value else { return false }
        return text.count > 16 && text.hasSuffix("Z") && russianTime(text) != nil
    }

    /// A phone in E.164 (`+79161234567`) written so that no spreadsheet reads it as the number 79161234567:
    /// grouped with a space after the country code and hyphens, as people write it (`+7 916 123-45-67`;
    /// `+380 501-234-567`, `+49 301-234-5678`, `+1 212-555-0100`); nil for anything else.
    static func phoneAsText(_ text: String) -> String? {
        guard text.hasPrefix("+") else { return nil }
        let digits = Array(text.dropFirst())
        guard (10...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let number = String(digits)
        if digits.count == 11 && digits[0] == "7" {
            return "+7 \(slice(number, 1, 4)) \(slice(number, 4, 7))-\(slice(number, 7, 9))-\(slice(number, 9, 11))"
        }
        let code = countryCodeLength(digits)
        var groups: [String] = []
        var rest = digits.dropFirst(code)
        // Threes, the last group taking what is left (`555-0100`), never a lone digit.
        while rest.count > 4 {
            groups.append(String(rest.prefix(3)))
            rest = rest.dropFirst(3)
        }
        groups.append(String(rest))
        return "+" + String(digits.prefix(code)) + " " + groups.joined(separator: "-")
    }

    /// How many leading digits of an E.164 number are its country calling code (ITU-T E.164): 1 and 7 alone, the
    /// two-digit codes of zones 2–9 that the plan assigns, three digits otherwise.
    static func countryCodeLength(_ digits: [Character]) -> Int {
        guard let first = digits.first else { return 0 }
        if first == "1" || first == "7" { return 1 }
        let twoDigit: Set<String> = [
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
            "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
            "86", "90", "91", "92", "93", "94", "95", "98",
        ]
        return twoDigit.contains(String(digits.prefix(2))) ? 2 : 3
    }

    private static func slice(_ text: String, _ from: Int, _ to: Int) -> Substring {
        let start = text.index(text.startIndex, offsetBy: from)
        return text[start..<text.index(start, offsetBy: to - from)]
    }

    /// Quoted when the text holds the separator, a quote or a line break.
    static func excelRUField(_ text: String) -> String {
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
