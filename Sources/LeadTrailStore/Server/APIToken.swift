public import LeadTrailCore

/// A bearer token of the report API, as stored: its name, scope and the SHA-256 of its secret (never the secret).
public struct APIToken: Hashable, Sendable {
    /// What a token may do: `read` reports and leads, or `write` too.
    public enum Scope: String, CaseIterable, Sendable {
        case read, write
    }

    /// The name given at `token add`.
    public var name: String
    /// What it may do.
    public var scope: Scope
    /// Lowercase hex SHA-256 of the token text.
    public var sha256: String
    /// When it was added.
    public var createdAt: Timestamp

    /// A token record.
    public init(name: String, scope: Scope, sha256: String, createdAt: Timestamp) {
        self.name = name
        self.scope = scope
        self.sha256 = sha256
        self.createdAt = createdAt
    }
}
