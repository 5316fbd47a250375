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

    /// `2026-10-01`, `01.10.2026` or `01/10/2026` (day first) as `2026-10-01`; other text is returned as it is,
    /// for the generic parser to reject with its own message.
    static func isoDate(_ text: String) -> String {
        for separator in [".", "/"] as [Character] {
            let parts = text.split(separator: separator)
            if parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 {
                func pad(_ part: Substring) -> String { part.count == 1 ? "0" + part : String(part) }
                return "\(parts[2])-\(pad(parts[1]))-\(pad(parts[0]))"
            }
        }
        return text
    }

    /// Sets `field` to the text under `headers` when present.
    func copy(_ headers: [String], to field: String, into result: inout JSONObject) {
        if let text = text(headers) { result.set(field, .string(text)) }
    }
}
