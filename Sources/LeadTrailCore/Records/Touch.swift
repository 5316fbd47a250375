/// One visit with its marketing context.
public struct Touch: Hashable, Sendable {
    /// The record's `id`, else a hash of its content: a double-fired identical click is one touch.
    public var key: String
    public var at: Timestamp
    public var visitor: String
    public var url: String?
    /// The UTM values as written; normalise with `utm.normalized` for matching.
    public var utm: UTM
    public var clickID: ClickID?
    public var referrer: String?
    public var channel: Channel

    public init(
        key: String, at: Timestamp, visitor: String, url: String? = nil, utm: UTM = UTM(), clickID: ClickID? = nil,
        referrer: String? = nil, channel: Channel
    ) {
        self.key = key
        self.at = at
        self.visitor = visitor
        self.url = url
        self.utm = utm
        self.clickID = clickID
        self.referrer = referrer
        self.channel = channel
    }
}
