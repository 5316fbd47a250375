internal import LeadTrailCore

/// A spend export's row with its headers matched the way docs/presets.md asks: trimmed, case-insensitive, runs of
/// whitespace (U+00A0 included) collapsed, whole headers (never substrings: `Показ кампании` is not `Показы`).
struct SpendRow {
    let source: JSONObject
    private let normalizedKeys: [String]

    init(_ source: JSONObject) {
        self.source = source
        normalizedKeys = source.keys.map(SpendRow.normalize)
    }

    static func normalize(_ header: String) -> String {
        var words: [Substring] = []
        let lowered = header.lowercased()
        for word in lowered.split(whereSeparator: { $0.isWhitespace || $0 == "\u{FEFF}" }) { words.append(word) }
        return words.joined(separator: " ")
    }

    /// The value under the first of `headers` present (already normalised names), with the header as written.
    func member(_ headers: [String]) -> (header: String, value: JSONValue)? {
        for header in headers {
            if let index = normalizedKeys.firstIndex(of: header) { return (source.keys[index], source.values[index]) }
        }
        return nil
    }

    /// The trimmed text under the first of `headers`; empty and `--` are nil.
    func text(_ headers: [String]) -> String? {
        guard let value = member(headers)?.value.scalarText?.trimmingWhitespace(), !value.isEmpty, value != "--" else {
            return nil
        }
        return value
    }

    /// The first header (normalised) that matches `predicate`, with the header as written and its value.
    func member(where predicate: (String) -> Bool) -> (header: String, value: JSONValue)? {
        for (index, key) in normalizedKeys.enumerated() where predicate(key) {
            return (source.keys[index], source.values[index])
        }
        return nil
    }

    /// `2026-10-01`, `01.10.2026` (day first) or `01/10/2026` (in the order the file or `--date-order` decided,
    /// `ImportOptions.slashDatesDayFirst`; day first when neither did) as `2026-10-01`; other text, or a day that is
    /// no calendar day (`31.09.2026`), is returned as it is, for the generic parser to reject quoting the cell.
    static func isoDate(_ text: String, _ options: ImportOptions) -> String {
        let dayFirst = options.slashDatesDayFirst ?? true
        for separator in [".", "/"] as [Character] {
            let parts = text.split(separator: separator)
            if parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
                let first = Int(parts[0]), let second = Int(parts[1]), let year = Int(parts[2])
            {
                let (day, month) = separator == "/" && !dayFirst ? (second, first) : (first, second)
                func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
                let iso = "\(parts[2])-\(pad(month))-\(pad(day))"
                return year > 0 && (try? CalendarDate(parsing: iso)) != nil ? iso : text
            }
        }
        return text
    }

    /// A cell written `N/N/YYYY`: its two leading numbers; nil for any other text.
    static func slashDate(_ text: String) -> (first: Int, second: Int)? {
        let parts = text.split(separator: "/")
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
            let first = Int(parts[0]), let second = Int(parts[1]), Int(parts[2]) != nil
        else { return nil }
        return (first, second)
    }

    /// Sets `field` to the text under `headers` when present.
    func copy(_ headers: [String], to field: String, into result: inout JSONObject) {
        if let text = text(headers) { result.set(field, .string(text)) }
    }
}
