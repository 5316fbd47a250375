/// The social and search sites of the SPEC's channel table, matched by name or by domain.
enum Site {
    static let socialNames: Set<String> = [
        "vk", "vkontakte", "ok", "odnoklassniki", "facebook", "fb", "meta", "instagram", "ig", "telegram", "tg",
        "tiktok", "youtube", "linkedin", "twitter", "x", "pinterest", "dzen", "whatsapp", "viber", "threads",
    ]
    static let socialDomains = [
        "vk.com", "vk.ru", "vkontakte.ru", "ok.ru", "facebook.com", "fb.com", "instagram.com", "t.me", "telegram.org",
        "telegram.me", "tiktok.com", "youtube.com", "youtu.be", "linkedin.com", "twitter.com", "x.com", "t.co",
        "pinterest.com", "dzen.ru", "whatsapp.com", "wa.me", "threads.net",
    ]
    static let searchNames: Set<String> = [
        "yandex", "ya", "google", "bing", "mail.ru", "go.mail.ru", "rambler", "duckduckgo", "yahoo", "baidu",
    ]
    static let searchDomains = [
        "yandex.ru", "yandex.com", "yandex.by", "yandex.kz", "ya.ru", "bing.com", "go.mail.ru", "rambler.ru",
        "duckduckgo.com", "yahoo.com", "baidu.com",
    ]
    static let emailWords: Set<String> = ["email", "e-mail", "e_mail", "e mail"]

    /// A normalised source names a social site, or is a host on one.
    static func isSocial(_ source: String) -> Bool {
        socialNames.contains(source) || matchesDomain(source, socialDomains)
    }

    /// A normalised source names a search site, or is a host on one (including any `google.<tld>`).
    static func isSearch(_ source: String) -> Bool {
        searchNames.contains(source) || matchesDomain(source, searchDomains) || isGoogleHost(source)
    }

    static func isEmailWord(_ value: String?) -> Bool { value.map(emailWords.contains) ?? false }

    /// Whether `host` equals one of `domains` or is a subdomain of it.
    static func matchesDomain(_ host: String, _ domains: [String]) -> Bool {
        let host = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        for domain in domains where host == domain || host.hasSuffix("." + domain) { return true }
        return false
    }

    /// `google.com`, `google.ru`, `google.co.uk`, `news.google.com.tr`: a `google` label followed by a top-level
    /// domain, or by a second-level label under a two-letter country code.
    static func isGoogleHost(_ host: String) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let google = labels.lastIndex(of: "google") else { return false }
        let suffix = labels[(google + 1)...]
        guard suffix.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter } }) else { return false }
        switch suffix.count {
        case 1: return true
        case 2:
            return suffix.last!.count == 2 && ["co", "com", "org", "net", "ac", "gov", "edu"].contains(suffix.first!)
        default: return false
        }
    }
}
