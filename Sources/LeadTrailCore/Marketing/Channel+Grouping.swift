extension Channel {
    /// Groups a touch by the SPEC's channel table, evaluated in order on normalised values, first match wins.
    ///
    /// `referrer` may be a URL or a bare host; only its host (without `www.`) is used, and only when neither
    /// `utm_source` nor `utm_medium` is given.
    public static func classify(utm: UTM, referrer: String?, clickID: ClickID?) -> Channel {
        let utm = utm.normalized
        let referrerHost = ReferrerHost.of(referrer)
        // Rule 0: nothing to go on.
        if utm.isEmpty && referrerHost == nil {
            if let clickID, clickID.parameter == "gclid" || clickID.parameter == "yclid" { return .paidSearch }
            return .direct
        }
        // Rule 1: the effective source and medium.
        var source = utm.source
        var medium = utm.medium
        if source == nil && medium == nil, let referrerHost {
            source = referrerHost
            medium = "referral"
        }
        let isSearch = source.map(Site.isSearch) ?? false
        let isSocial = source.map(Site.isSocial) ?? false
        let isPaid = medium.map(Channel.isPaidMedium) ?? false
        // Rules 2–9.
        if isPaid && isSearch { return .paidSearch }
        if isPaid && isSocial { return .paidSocial }
        if let medium, ["display", "banner", "expandable", "interstitial", "cpm"].contains(medium) { return .display }
        if isPaid { return .other }
        if isSocial { return .organicSocial }
        if let medium,
            ["social", "social-network", "social-media", "sm", "social network", "social media"]
                .contains(medium)
        {
            return .organicSocial
        }
        if isSearch || medium == "organic" { return .organicSearch }
        if let medium, ["referral", "app", "link"].contains(medium) { return .referral }
        if Site.isEmailWord(source) || Site.isEmailWord(medium) { return .email }
        return .other
    }

    /// `^(.*cp.*|ppc|retargeting|paid.*|target.*)$` without a regex engine.
    static func isPaidMedium(_ medium: String) -> Bool {
        medium.contains("cp") || medium == "ppc" || medium == "retargeting" || medium.hasPrefix("paid")
            || medium.hasPrefix("target")
    }
}
