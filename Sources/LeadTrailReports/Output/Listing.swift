import LeadTrailCore

/// Rows under named columns: what every `list` command prints, in any output format.
public struct Listing: Sendable {
    public var columns: [String]
    public var rows: [[OutputValue]]
    /// What a table prints for a null cell: reports print `—` for a division by zero.
    public var nullMark = ""
    /// Whether a table groups the digits of numbers by thousands (`150 000.00`), for reading at a glance.
    public var groupsThousands = false

    public init(columns: [String], rows: [[OutputValue]]) {
        self.columns = columns
        self.rows = rows
    }

    /// The listing in a format, ending with a newline (an empty table prints its header only).
    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .table: table
        case .csv: csv
        case .json: OutputValue.array(rows.map { row in .object(Array(zip(columns, row))) }).prettyJSON + "\n"
        }
    }

    /// Columns aligned by display width, so Cyrillic text, `₽` and wide characters line up; numbers right-aligned;
    /// each cell on one line, its control characters shown (``visible(_:)``).
    public var table: String {
        let cells = Self.fixedDecimals(rows.map { row in row.map(cellText) }, numeric: rows.map { $0.map(\.isNumeric) })
            .map { $0.map(Self.visible) }
        let columns = columns.map(Self.visible)
        var widths = columns.map(DisplayWidth.of)
        for row in cells {
            for (index, text) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], DisplayWidth.of(text))
            }
        }
        func line(_ cells: [String], numeric: [Bool]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(cell)))
                parts.append(numeric[index] ? padding + cell : cell + padding)
            }
            return String(parts.joined(separator: "  ").reversed().drop { $0 == " " }.reversed())
        }
        var out = line(columns, numeric: columns.map { _ in false }) + "\n"
        out += line(widths.map { String(repeating: "─", count: $0) }, numeric: columns.map { _ in false }) + "\n"
        for (row, texts) in zip(rows, cells) {
            out += line(texts, numeric: row.map { $0.isNumeric || ($0 == .null && !nullMark.isEmpty) }) + "\n"
        }
        return out
    }

    private func cellText(_ value: OutputValue) -> String {
        switch value {
        case .null: nullMark
        case .integer, .decimal: groupsThousands ? Self.grouped(value.plainText) : value.plainText
        default: value.plainText
        }
    }

    /// Every number of a column with as many decimals as the most precise one of its kind (`18` → `18.00` under
    /// `12.33`, `44%` → `44.0%` under `12.8%`), so that a column reads at a glance; text cells and numbers followed by
    /// anything but `%` or ` pp` are left as they are.
    static func fixedDecimals(_ cells: [[String]], numeric: [[Bool]]) -> [[String]] {
        func parts(_ text: String) -> (number: Substring, suffix: Substring)? {
            let suffix: Substring = text.hasSuffix(" pp") ? text.suffix(3) : text.hasSuffix("%") ? text.suffix(1) : ""
            let number = text.dropLast(suffix.count)
            let digits = number.drop { $0 == "-" || $0 == "+" }
            guard let first = digits.first, first.isASCII, first.isNumber,
                digits.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." || $0 == " " }),
                digits.filter({ $0 == "." }).count <= 1
            else { return nil }
            return (number, suffix)
        }
        func decimals(_ number: Substring) -> Int {
            number.firstIndex(of: ".").map { number.distance(from: $0, to: number.endIndex) - 1 } ?? 0
        }
        var out = cells
        let width = cells.map(\.count).max() ?? 0
        for column in 0..<width {
            // Plain numbers, percentages and points are padded each among their own kind (a comparison puts a
            // figure's `change %` under the figure).
            var most: [Substring: Int] = [:]
            for (row, texts) in cells.enumerated() where column < texts.count && numeric[row][column] {
                if let found = parts(texts[column]) {
                    most[found.suffix] = max(most[found.suffix] ?? 0, decimals(found.number))
                }
            }
            guard most.values.contains(where: { $0 > 0 }) else { continue }
            for (row, texts) in cells.enumerated() where column < texts.count && numeric[row][column] {
                guard let found = parts(texts[column]) else { continue }
                let missing = (most[found.suffix] ?? 0) - decimals(found.number)
                guard missing > 0 else { continue }
                let point = found.number.contains(".") ? "" : "."
                out[row][column] = found.number + point + String(repeating: "0", count: missing) + found.suffix
            }
        }
        return out
    }

    /// `1234567.50` → `1 234 567.50`: the integer part grouped by thousands with spaces.
    static func grouped(_ number: String) -> String {
        let sign = number.hasPrefix("-") ? "-" : number.hasPrefix("+") ? "+" : ""
        let unsigned = number.dropFirst(sign.count)
        let integer = unsigned.prefix { $0 != "." }
        let rest = unsigned.dropFirst(integer.count)
        guard integer.count > 3, integer.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return number }
        var groups: [Substring] = []
        var end = integer.endIndex
        while end > integer.startIndex {
            let start = integer.index(end, offsetBy: -3, limitedBy: integer.startIndex) ?? integer.startIndex
            groups.insert(integer[start..<end], at: 0)
            end = start
        }
        return sign + groups.joined(separator: " ") + rest
    }

    /// CSV with a header row: RFC 4180 quoting, LF line ends (what Unix tools and spreadsheets both read).
    ///
    /// Names and form fields come from the public web, so a text cell a spreadsheet would run as a formula is
    /// written with a leading `'` (see ``spreadsheetSafe(_:)``).
    ///
    /// In ``CSVDialect/excelRU`` (``CSVOutput/dialect``), the Russian Excel form instead (``excelRUCSV``).
    public var csv: String {
        if CSVOutput.dialect == .excelRU { return excelRUCSV }
        var out = columns.map { Self.csvField(Self.spreadsheetSafe(.string($0))) }.joined(separator: ",") + "\n"
        for row in rows {
            out += row.map { Self.csvField(Self.spreadsheetSafe($0)) }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// OWASP's rule against CSV injection: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return gets a leading `'`, so Excel and LibreOffice show it as text instead of running it
    /// (`=HYPERLINK(…)` → `'=HYPERLINK(…)`). Numbers are not touched: a figure (`-1250.00`) or text that is
    /// only a signed decimal number (`+79161234567`, `-5`) is written as it is.
    static func spreadsheetSafe(_ value: OutputValue) -> String {
        let text = value.plainText
        switch value {
        case .null, .integer, .decimal, .bool: return text
        case .string, .array, .object: break
        }
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
            !isSignedNumber(text)
        else { return text }
        return "'" + text
    }

    /// `-5`, `+7916`, `-12.50`: an optional sign, digits and at most one decimal point between digits.
    private static func isSignedNumber(_ text: String) -> Bool {
        var digits = Substring(text)
        if let first = digits.first, first == "+" || first == "-" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
