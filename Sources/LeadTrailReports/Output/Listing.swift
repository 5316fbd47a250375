/// Rows under named columns: what every `list` command prints, in any output format.
public struct Listing: Sendable {
    public var columns: [String]
    public var rows: [[OutputValue]]

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

    /// Columns aligned by display width, so Cyrillic text, `₽` and wide characters line up; numbers right-aligned.
    public var table: String {
        var widths = columns.map(DisplayWidth.of)
        for row in rows {
            for (index, value) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], DisplayWidth.of(value.plainText))
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
        for row in rows {
            out += line(row.map(\.plainText), numeric: row.map(\.isNumeric)) + "\n"
        }
        return out
    }

    /// CSV with a header row: RFC 4180 quoting, LF line ends (what Unix tools and spreadsheets both read).
    public var csv: String {
        var out = columns.map(Self.csvField).joined(separator: ",") + "\n"
        for row in rows {
            out += row.map { Self.csvField($0.plainText) }.joined(separator: ",") + "\n"
        }
        return out
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
