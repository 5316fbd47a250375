#if Server
import Foundation
import LeadTrailCore

/// Where a tracked link sends the visitor: its stored target, never a URL from the request.
enum RedirectTarget {
    /// The target with the link's UTM parameters set (replacing the target's own `utm_*`, keeping every other
    /// parameter and the fragment) and the click ids the click carried passed on.
    static func url(target: String, utm: UTM, clickIDs: [ClickID]) -> String {
        var base = target
        var fragment = ""
        if let hash = base.firstIndex(of: "#") {
            fragment = String(base[hash...])
            base = String(base[..<hash])
        }
        var query: [String] = []
        if let mark = base.firstIndex(of: "?") {
            let existing = base[base.index(after: mark)...]
            base = String(base[..<mark])
            let replaced = Set(["utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"] + clickIDs.map(\.parameter))
            for pair in existing.split(separator: "&") where !pair.isEmpty {
                let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                if !replaced.contains(name) { query.append(String(pair)) }
            }
        }
        let pairs: [(String, String?)] = [
            ("utm_source", utm.source), ("utm_medium", utm.medium), ("utm_campaign", utm.campaign),
            ("utm_content", utm.content), ("utm_term", utm.term),
        ]
        for (name, value) in pairs {
            if let value { query.append(name + "=" + encode(value)) }
        }
        for clickID in clickIDs { query.append(clickID.parameter + "=" + encode(clickID.value)) }
        return asciiOnly(base + (query.isEmpty ? "" : "?" + query.joined(separator: "&")) + fragment)
    }

    /// The URL with every byte outside printable ASCII percent-encoded, the rest as written: a `Location` header is
    /// ASCII, and a target typed in Cyrillic (`https://магазин.рф/каталог?раздел=шубы`) went out as raw UTF-8, which
    /// proxies and some clients refuse. Browsers read the encoded host and path back as the same address.
    static func asciiOnly(_ url: String) -> String {
        guard !url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return url }
        var out = ""
        for byte in url.utf8 {
            if byte > 0x20 && byte < 0x7F {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += (byte < 0x10 ? "%0" : "%") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986).
    static func encode(_ value: String) -> String {
        // Click ids are nearly always unreserved already: then the value is the answer.
        let plain = value.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
        }
        if plain { return value }
        return value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    /// ASCII letters, digits and `-._~`, built once (a click must not build a character set).
    private static let unreserved: CharacterSet = {
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return allowed
    }()
}
#endif
