/// An email address trimmed and lowercased. One without `@` is an error.
public struct Email: Hashable, Sendable, CustomStringConvertible {
    public let normalized: String

    /// Normalises an email as typed, so that `Anna@Example.COM` and `anna@example.com` are one person.
    ///
    /// Besides a missing `@`, an empty part on either side of the last `@` is rejected: `anna@` names nobody.
    public init(parsing raw: String) throws(ValidationError) {
        let trimmed = raw.trimmingWhitespace()
        guard let at = trimmed.utf8.lastIndex(of: UInt8(ascii: "@")) else { throw .invalidEmail }
        guard at != trimmed.utf8.startIndex, trimmed.utf8.index(after: at) != trimmed.utf8.endIndex else {
            throw .invalidEmail
        }
        normalized = trimmed.lowercased()
    }

    public var description: String { normalized }
}
