internal import LeadTrailCore

extension JSONObject {
    /// The value of the first key that equals one of `names`, ignoring case and surrounding spaces.
    func value(anyOf names: [String]) -> JSONValue? {
        for name in names {
            if let value = self[name] { return value }
        }
        let lowered = names.map { $0.lowercased() }
        for (key, value) in self where lowered.contains(key.trimmingWhitespace().lowercased()) { return value }
        return nil
    }

    /// The trimmed text (string or number) of the first of `names` present and non-empty.
    func text(anyOf names: [String]) -> String? {
        guard let text = value(anyOf: names)?.scalarText?.trimmingWhitespace(), !text.isEmpty else { return nil }
        return text
    }

    /// The first key that starts with one of `prefixes` (ignoring case), with its value.
    func member(prefixedBy prefixes: [String]) -> (key: String, value: JSONValue)? {
        let lowered = prefixes.map { $0.lowercased() }
        for (key, value) in self {
            let name = key.trimmingWhitespace().lowercased()
            if lowered.contains(where: { name.hasPrefix($0) }) { return (key, value) }
        }
        return nil
    }
}

/// Reading a currency from a spend export's column header: `Amount spent (USD)`, `Потрачено, ₽`.
enum HeaderCurrency {
    /// The currency of the spend column a row's amount came from: a `--map` that names `amount` points at a column
    /// whose header may carry it (`{"amount": "Amount spent (EUR)"}` is EUR, whatever `--currency` says).
    static func of(amountHeader header: String, options: ImportOptions) throws(RecordError) -> Currency? {
        if SpendRow.normalize(header) == "amount",
            let source = options.map?.fields.first(where: { $0.generic == "amount" })?.source
        {
            return try of(source)
        }
        return try of(header)
    }

    /// The currency in the header's parentheses, or named by a symbol or word after a comma; nil when none.
    static func of(_ header: String) throws(RecordError) -> Currency? {
        if let open = header.lastIndex(of: "("), let close = header.lastIndex(of: ")"), open < close {
            let inside = String(header[header.index(after: open)..<close]).trimmingWhitespace()
            if let currency = symbol(inside) { return currency }
            do {
                return try Currency(code: inside)
            } catch {
                throw RecordError(
                    field: "currency", message: "cannot read the currency from column '\(header)': \(error)")
            }
        }
        if let comma = header.lastIndex(of: ",") {
            let tail = String(header[header.index(after: comma)...]).trimmingWhitespace()
            if let currency = symbol(tail) { return currency }
            if tail.count == 3, let currency = try? Currency(code: tail) { return currency }
        }
        return nil
    }

    private static func symbol(_ text: String) -> Currency? {
        switch text.lowercased() {
        case "₽", "руб", "руб.", "р.", "rur": .rub
        case "$": .usd
        case "€": .eur
        default: nil
        }
    }
}
