#if Server
import Foundation

/// The form of a request's path the request log shows: never a webhook secret or an API token, whatever the path's
/// shape.
///
/// The router matches paths in more shapes than the routes are written in (`//hooks/…` reaches the webhook), and a
/// client may send anything (`/Hooks/…`, `/hooks;…`, `/hooks%2f…`, `/api/TOKEN`), so the log does not try to find
/// the secret in the path: it reads the path as the router might (percent-decoded, `;` as a separator, repeated
/// slashes as one), keeps what is known to hold no secret (a route's fixed words, a link's slug, a webhook's source
/// name, a report's kind) and writes `…` for everything else.
enum LoggedPath {
    /// The longest segment kept from a path that matches no route (`/favicon.ico`, `/wp-login.php`).
    static let longestUnknownSegment = 24

    /// The redacted path: `/hooks/tilda/…`, `/r/spring`, `/api/…`, `/favicon.ico`, `/…`.
    static func redacted(_ path: String) -> String {
        let segments = Self.segments(path)
        guard let first = segments.first else { return "/" }
        let head = first.lowercased()
        let rest = segments.dropFirst()
        // Any path under a secret-bearing prefix, however it is spelled, keeps only what names no secret.
        if head.hasPrefix("hooks") {
            // The source only when a secret follows it: `/hooks//SECRET` must not show the secret as the source.
            guard first == "hooks", rest.count == 2, let source = rest.first, isName(source) else {
                return "/hooks/…"
            }
            return "/hooks/\(source)/…"
        }
        for prefix in ["api", "login", "token"] where head.hasPrefix(prefix) {
            let tail = Array(rest)
            if first == "login" && tail.isEmpty { return "/login" }
            if first == "api" && tail == ["leads"] { return "/api/leads" }
            if first == "api", tail.count == 2, tail[0] == "reports", ReportKind(rawValue: tail[1]) != nil {
                return "/api/reports/\(tail[1])"
            }
            return "/\(prefix)/…"
        }
        // Routes whose variable part is public: a link's slug (it is in every ad), a report file's name.
        if first == "r", rest.count == 1, let slug = rest.first, isName(slug) { return "/r/\(slug)" }
        if first == "reports", rest.count == 1, let file = rest.first, isName(file) { return "/reports/\(file)" }
        guard first.count <= longestUnknownSegment, isName(first) else { return "/…" }
        return "/" + first + (rest.isEmpty ? "" : "/…")
    }

    /// The path's segments as a router might read them: percent-decoded, `;` and `/` both separators, empty
    /// segments (`//`) dropped.
    static func segments(_ path: String) -> [String] {
        let decoded = path.removingPercentEncoding ?? path
        return decoded.split(whereSeparator: { $0 == "/" || $0 == ";" || $0 == "\\" }).map(String.init)
    }

    /// Whether a segment is a plain name (letters, digits, `-`, `_`, `.`) of at most 64 characters that does not
    /// look like a secret (32 or more hex digits, as every secret and token `leadtrail` makes is).
    static func isName(_ segment: String) -> Bool {
        let hex = segment.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0 | 0x20) }
        return segment.utf8.count <= 64 && !(hex && segment.utf8.count >= 32)
            && segment.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == 0x2D || byte == 0x5F || byte == 0x2E
            }
    }
}
#endif
