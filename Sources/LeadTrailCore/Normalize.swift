/// Normalisation of values used for matching and report keys.
public enum Normalize {
    /// Trimmed and lowercased (Unicode-aware, so Cyrillic lowercases too); nil when empty.
    public static func key(_ value: String?) -> String? { fatalError("TODO") }
}

extension String {
    /// The string without leading and trailing whitespace and newlines (including no-break spaces).
    public func trimmingWhitespace() -> String { fatalError("TODO") }
}
