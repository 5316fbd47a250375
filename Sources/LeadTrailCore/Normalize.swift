import Foundation

/// Normalisation of values used for matching and report keys.
public enum Normalize {
    /// Trimmed and lowercased (Unicode-aware, so Cyrillic lowercases too); nil when empty.
    ///
    /// Report keys and campaign keys must agree however a value was typed: `" ЗИМА "` and `"зима"` are one key.
    ///
    /// Canonically equal spellings are one key too: `йога` with `й` precomposed, or as `и` and a combining breve (as
    /// text from some systems comes), is composed (NFC). Keys are compared as bytes in SQL (a campaign's key) and by
    /// the same-session rule (``LeadTrailJourneys/SessionKey``), and as strings in Swift: composed, they agree, so a
    /// click's campaign is one campaign whichever file it comes in.
    public static func key(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingWhitespace()
        if trimmed.isEmpty { return nil }
        if trimmed.utf8.allSatisfy({ !($0 >= 0x41 && $0 <= 0x5A) && $0 < 0x80 }) { return trimmed }
        let lowered = trimmed.lowercased()
        return trimmed.utf8.allSatisfy { $0 < 0x80 } ? lowered : lowered.precomposedStringWithCanonicalMapping
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines (including no-break spaces).
    ///
    /// Spreadsheet exports pad values with U+00A0 and U+202F, which `" "`-only trimming would keep in keys;
    /// a leading byte-order mark is dropped for the same reason.
    public func trimmingWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F { return self }
        let scalars = self.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].isTrimmable { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard scalars[before].isTrimmable else { break }
            end = before
        }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }
}

extension Unicode.Scalar {
    /// Whitespace, newlines, and the invisible marks (byte-order mark, zero-width space) that exports leave behind.
    var isTrimmable: Bool {
        switch value {
        case 0x09...0x0D, 0x20: true
        case 0x21..<0x80: false
        case 0xFEFF, 0x200B: true
        default: properties.isWhitespace
        }
    }
}
