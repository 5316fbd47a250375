/// Where the data lives: `--db`, else `$LEADTRAIL_DB`, else `./leadtrail.sqlite`.
///
/// A `postgres://` URL selects PostgreSQL, the shared store for teams (any text starting `postgres:` or `postgresql:`
/// is taken as one, and refused if malformed); anything else is a SQLite file path.
/// A URL's password is never printed: ``description`` shows it as `***`.
public enum DatabaseLocation: Hashable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// The default file in the current folder.
    public static let defaultPath = "leadtrail.sqlite"

    /// Chooses the location from the option, then the environment, then the default.
    public init(option: String?, environment: [String: String]) {
        let text = option ?? environment["LEADTRAIL_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultPath
        let lowered = text.lowercased()
        // Any `postgres:` text is meant as a URL, so `postgres:/db` is refused as a malformed URL rather than made
        // into a SQLite file of that name (a file so named is reached as `./postgres:…`).
        if lowered.hasPrefix("postgres:") || lowered.hasPrefix("postgresql:") {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    /// The path, or the URL with its password hidden: what messages may print.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): Self.redacting(url)
        }
    }

    /// `text` with the password of every URL in it replaced by `***`: the `user:password@` part and a
    /// `password=` query parameter (`postgres://u:secret@h/db?sslpassword=x` → `postgres://u:***@h/db?sslpassword=***`).
    ///
    /// The password runs from the first `:` after `//` to the **last** `@` of the URL (which ends at white space or a
    /// quote), not to the first `/`, `?` or `#`: a password typed with those characters un-encoded
    /// (`postgres://u:Zx9/42@h/db`) is hidden whole too, whatever the parser then makes of the URL.
    ///
    /// For any text that may carry a connection string on its way to the terminal or a log.
    public static func redacting(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        func isEnd(_ scalar: Unicode.Scalar, _ ends: String) -> Bool {
            ends.unicodeScalars.contains(scalar) || scalar.properties.isWhitespace || scalar == "'" || scalar == "\""
        }
        // user:password@host
        var index = 0
        while index + 2 < scalars.count {
            guard scalars[index] == ":", scalars[index + 1] == "/", scalars[index + 2] == "/" else {
                index += 1
                continue
            }
            let start = index + 3
            var end = start
            while end < scalars.count, !isEnd(scalars[end], "") { end += 1 }
            if let at = scalars[start..<end].lastIndex(of: "@"),
                let colon = scalars[start..<at].firstIndex(of: ":"), colon + 1 < at
            {
                scalars.replaceSubrange((colon + 1)..<at, with: "***".unicodeScalars)
                end = end - (at - colon - 1) + 3
            } else if !scalars[start..<end].contains("@"), start < end, scalars[start] != "[" {
                // No '@' at all: `postgres://user:password/db` (the '@' forgotten) reads the password as a port.
                // Whatever follows the host's ':' that is not a port number is hidden.
                var hostEnd = start
                while hostEnd < end, !"/?#".unicodeScalars.contains(scalars[hostEnd]) { hostEnd += 1 }
                if let colon = scalars[start..<hostEnd].firstIndex(of: ":"), colon + 1 < hostEnd,
                    !scalars[(colon + 1)..<hostEnd].allSatisfy({ $0.properties.numericType == .decimal })
                {
                    scalars.replaceSubrange((colon + 1)..<hostEnd, with: "***".unicodeScalars)
                    end = end - (hostEnd - colon - 1) + 3
                }
            }
            index = end
        }
        // ?password=… and &sslpassword=…
        let key = Array("password=".unicodeScalars)
        index = 0
        while index + key.count <= scalars.count {
            let matches = zip(scalars[index..<(index + key.count)], key).allSatisfy {
                $0.properties.lowercaseMapping == String($1)
            }
            guard matches else {
                index += 1
                continue
            }
            let start = index + key.count
            var end = start
            while end < scalars.count, !isEnd(scalars[end], "&#") { end += 1 }
            if end > start { scalars.replaceSubrange(start..<end, with: "***".unicodeScalars) }
            index = start + (end > start ? 3 : 0)
        }
        let result = String(String.UnicodeScalarView(scalars))
        return result
    }
}
