public import LeadTrailCore

/// A form webhook `leadtrail serve` accepts at `/hooks/{name}/{secret}`.
public struct WebhookSource: Hashable, Sendable {
    /// The body a source sends.
    public enum Format: String, CaseIterable, Sendable {
        /// Tilda's form-encoded POST.
        case tilda
        /// The SPEC's generic forms record as a JSON object.
        case json
        /// VK Callback API `lead_forms_new` events.
        case vk
        /// Meta Lead Ads `leadgen` change notifications.
        case meta
    }

    /// The path segment after `/hooks/`.
    public var name: String
    public var format: Format
    /// Lowercase hex SHA-256 of the URL secret.
    public var secretSHA256: String
    /// VK: the confirmation string to answer; Meta: the `hub.verify_token` to expect.
    public var handshake: String?
    /// VK: the Callback API `secret`; Meta: the app secret that signs `X-Hub-Signature-256`.
    public var sharedSecret: String?
    public var createdAt: Timestamp

    /// A webhook source record.
    public init(
        name: String, format: Format, secretSHA256: String, handshake: String?, sharedSecret: String?,
        createdAt: Timestamp
    ) {
        self.name = name
        self.format = format
        self.secretSHA256 = secretSHA256
        self.handshake = handshake
        self.sharedSecret = sharedSecret
        self.createdAt = createdAt
    }
}
