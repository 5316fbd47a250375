extension UTM {
    /// True when none of the five values is present.
    ///
    /// Present means non-empty after trimming, as everywhere else: `utm_source=` is no source.
    public var isEmpty: Bool {
        Normalize.key(source) == nil && Normalize.key(medium) == nil && Normalize.key(campaign) == nil
            && Normalize.key(content) == nil && Normalize.key(term) == nil
    }

    /// These values with each field of `explicit` that is present (non-empty after trimming) taking precedence.
    ///
    /// A form's own `utm_source` field beats the one in its page URL, field by field (SPEC "UTM values").
    public func overridden(by explicit: UTM) -> UTM {
        func pick(_ explicit: String?, _ own: String?) -> String? {
            if let explicit, !explicit.trimmingWhitespace().isEmpty { return explicit }
            return own
        }
        return UTM(
            source: pick(explicit.source, source), medium: pick(explicit.medium, medium),
            campaign: pick(explicit.campaign, campaign), content: pick(explicit.content, content),
            term: pick(explicit.term, term))
    }

    /// Each value trimmed and lowercased (Unicode-aware); empty values become nil. Used for matching and report keys.
    public var normalized: UTM {
        UTM(
            source: Normalize.key(source), medium: Normalize.key(medium), campaign: Normalize.key(campaign),
            content: Normalize.key(content), term: Normalize.key(term))
    }
}
