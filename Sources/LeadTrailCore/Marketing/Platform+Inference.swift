extension Platform {
    /// The platform an auto-created campaign takes from the utm_source of its first touch
    /// (vk, instagram, telegram, yandex…; an email medium or source → `email`; else `other`).
    ///
    /// Sources are matched by name, by domain (`vk.com`, `t.me`) and by their first word, so that the usual
    /// `vk_ads`, `yandex-direct` or `google_ads` land on their platform.
    public static func inferred(source: String?, medium: String?) -> Platform {
        let source = Normalize.key(source)
        let medium = Normalize.key(medium)
        if Site.isEmailWord(source) || Site.isEmailWord(medium) { return .email }
        guard let source else { return .other }
        let host = source.hasPrefix("www.") ? String(source.dropFirst(4)) : source
        for (platform, domains) in domainTable where Site.matchesDomain(host, domains) { return platform }
        if Site.isGoogleHost(host) { return .google }
        let word = host.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).first.map(String.init) ?? host
        if Site.isEmailWord(word) { return .email }
        return nameTable[word] ?? .other
    }

    private static let domainTable: [(Platform, [String])] = [
        (.vk, ["vk.com", "vk.ru", "vkontakte.ru"]),
        (.facebook, ["facebook.com", "fb.com"]),
        (.instagram, ["instagram.com"]),
        (.telegram, ["t.me", "telegram.org", "telegram.me"]),
        (.tiktok, ["tiktok.com"]),
        (.youtube, ["youtube.com", "youtu.be"]),
        (.linkedin, ["linkedin.com"]),
        (.yandex, ["yandex.ru", "yandex.com", "yandex.by", "yandex.kz", "ya.ru"]),
    ]

    private static let nameTable: [String: Platform] = [
        "vk": .vk, "vkontakte": .vk, "instagram": .instagram, "ig": .instagram, "facebook": .facebook,
        "fb": .facebook, "meta": .facebook, "telegram": .telegram, "tg": .telegram, "tiktok": .tiktok,
        "youtube": .youtube, "linkedin": .linkedin, "yandex": .yandex, "ya": .yandex, "google": .google,
    ]
}
