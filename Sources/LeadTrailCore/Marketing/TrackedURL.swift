/// The marketing context read from a landing URL: its UTM values and click id.
///
/// Percent-decoding is UTF-8 (Cyrillic safe); `+` is a space inside the query; with a repeated parameter the first
/// wins; an empty value counts as absent; a malformed `%` escape is kept literally; the fragment is ignored.
public struct TrackedURL: Hashable, Sendable {
    public var utm: UTM
    public var clickID: ClickID?

    public init(parsing url: String) { fatalError("TODO") }
}
