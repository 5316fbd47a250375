public import LeadTrailCore

/// A short link `leadtrail serve` answers at `/r/{slug}`: a redirect to `target` with the link's UTM added.
public struct TrackedLink: Hashable, Sendable {
    /// The path segment after `/r/`: letters, digits, `-` and `_`.
    public var slug: String
    /// The absolute `http`/`https` URL the link redirects to.
    public var target: String
    /// The UTM parameters added to the target (`utm_campaign` is the campaign key).
    public var utm: UTM
    /// When the link was added.
    public var createdAt: Timestamp

    /// A link.
    public init(slug: String, target: String, utm: UTM, createdAt: Timestamp) {
        self.slug = slug
        self.target = target
        self.utm = utm
        self.createdAt = createdAt
    }
}
