/// The host of a referrer given as a URL (`https://www.google.com/search?q=…`) or a bare host (`partner.ru`).
enum ReferrerHost {
    /// Lowercased, without scheme, credentials, port, path, trailing dot or leading `www.`; nil when empty.
    static func of(_ referrer: String?) -> String? {
        guard let trimmed = Normalize.key(referrer) else { return nil }
        var rest = Substring(trimmed)
        if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") {
            rest = rest[colon...].dropFirst(3)
        } else if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
        }
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let colon = rest.lastIndex(of: ":") { rest = rest[..<colon] }
        while rest.hasSuffix(".") { rest = rest.dropLast() }
        if rest.hasPrefix("www.") { rest = rest.dropFirst(4) }
        return rest.isEmpty ? nil : String(rest)
    }
}
