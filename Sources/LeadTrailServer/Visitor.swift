#if Server
import Foundation
import Hummingbird

/// The first-party visitor cookie `lt_visitor`: 32 lowercase hex characters, `HttpOnly`, `SameSite=Lax`, a year.
enum VisitorCookie {
    static let name = "lt_visitor"
    static let maxAge = 365 * 24 * 60 * 60

    /// The visitor the request's cookie names, when it is well formed.
    static func visitor(in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let cookie = part.trimmingCharacters(in: .whitespaces)
                guard cookie.hasPrefix(name + "=") else { continue }
                let value = String(cookie.dropFirst(name.count + 1))
                if isValid(value) { return value }
            }
        }
        return nil
    }

    /// Whether text is a visitor id this server could have made (also what `/t` accepts from a page).
    static func isValid(_ value: String) -> Bool {
        value.utf8.count == 32 && value.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The `Set-Cookie` value; `Secure` when the visitor reached us over TLS.
    static func header(_ visitor: String, secure: Bool) -> String {
        "\(name)=\(visitor); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }
}

/// User agents that fetch links without a person behind them: crawlers and link-preview fetchers.
enum BotAgents {
    static let markers = [
        "bot", "crawler", "spider", "slurp", "facebookexternalhit", "facebookcatalog", "whatsapp", "telegram",
        "slack", "discord", "twitter", "linkedin", "vkshare", "skypeuripreview", "preview", "embedly", "pinterest",
        "yandex", "headlesschrome", "lighthouse",
    ]

    static func isBot(_ userAgent: String?) -> Bool {
        guard let userAgent else { return false }
        // Bytes, not Foundation's `contains`: every click asks, and the markers are ASCII.
        let agent = userAgent.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return markerBytes.contains { marker in contains(agent, marker) }
    }

    private static let markerBytes = markers.map { Array($0.utf8) }

    private static func contains(_ text: [UInt8], _ marker: [UInt8]) -> Bool {
        guard let first = marker.first, text.count >= marker.count else { return false }
        var start = 0
        while start <= text.count - marker.count {
            if text[start] == first && text[start..<(start + marker.count)].elementsEqual(marker) { return true }
            start += 1
        }
        return false
    }
}
#endif
