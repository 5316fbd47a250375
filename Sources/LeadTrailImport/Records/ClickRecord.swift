public import LeadTrailCore

/// One click (a visit) from an `import clicks` file, validated and normalised, ready for the store.
///
/// Generic fields: **`at`** (RFC 3339), **`visitor`**, `url`, `utm_source`, `utm_medium`, `utm_campaign`,
/// `utm_content`, `utm_term`, `click_id`, `referrer`, `id`. Unknown fields are ignored.
public struct ClickRecord: Hashable, Sendable {
    /// The record's `id`, else its content hash: a double-fired identical click is one touch.
    public var key: String
    /// The record's own `id`, if it has one.
    public var id: String?
    /// When the click happened (`at`), in UTC.
    public var at: Timestamp
    /// Trimmed and case-sensitive; a numeric visitor is its decimal text.
    public var visitor: String
    /// The landing URL (`url`), trimmed.
    public var url: String?
    /// The UTM values as written (trimmed): explicit `utm_*` fields win per field over the URL's; empty is absent.
    public var utm: UTM
    /// The `click_id` field, else the URL's click id (see ``MarketingContext`` rules in the import docs).
    public var clickID: ClickID?
    /// The referrer (`referrer`), trimmed.
    public var referrer: String?
    /// The channel derived from the UTM values, referrer and click id.
    public var channel: Channel

    /// Validates a generic-format click object.
    public init(generic object: JSONObject, options: ImportOptions) throws(RecordError) {
        try self.init(generic: object, options: options, channels: nil)
    }

    /// Validates a click object, classifying through `channels` when given (a file's clicks repeat a few contexts).
    init(generic object: JSONObject, options: ImportOptions, channels: ChannelCache?) throws(RecordError) {
        at = try object.requiredTimestamp("at", timeZone: options.timeZone)
        visitor = try object.requiredText("visitor")
        url = try object.string("url")
        let context = try MarketingContext(object: object, url: url)
        utm = context.utm
        clickID = context.clickID
        referrer = try object.string("referrer")
        channel =
            channels?.channel(utm: utm, referrer: referrer, clickID: clickID)
            ?? Channel.classify(utm: utm, referrer: referrer, clickID: clickID)
        id = try object.text("id")
        key = ""
        key = id ?? contentHash
        try refuseNulCharacters()
    }

    /// A NUL character in any text field is refused, naming it (``RecordError/refuseNulCharacters(in:)``).
    private func refuseNulCharacters() throws(RecordError) {
        try RecordError.refuseNulCharacters(in: [
            ("visitor", visitor), ("url", url), ("referrer", referrer), ("id", id), ("utm_source", utm.source),
            ("utm_medium", utm.medium), ("utm_campaign", utm.campaign), ("utm_content", utm.content),
            ("utm_term", utm.term), ("click_id", clickID?.value),
        ])
    }

    /// A hash of the normalised content (time as an instant, trimmed values), independent of the record's `id`.
    public var contentHash: String {
        ContentHash.of([
            "click", String(at.microseconds), visitor, url, utm.source, utm.medium, utm.campaign, utm.content,
            utm.term, clickID?.parameter, clickID?.value, referrer,
        ])
    }

    /// The touch this click records.
    public var touch: Touch {
        Touch(
            key: key, at: at, visitor: visitor, url: url, utm: utm, clickID: clickID, referrer: referrer,
            channel: channel)
    }
}
