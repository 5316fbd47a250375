/// An email address trimmed and lowercased. One without `@` is an error.
public struct Email: Hashable, Sendable, CustomStringConvertible {
    public let normalized: String

    public init(parsing raw: String) throws(ValidationError) { fatalError("TODO") }

    public var description: String { normalized }
}
