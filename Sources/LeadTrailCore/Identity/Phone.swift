/// A phone number in E.164 form: `+79161234567`.
///
/// Keeps the digits; 11 digits starting with 8 or 7 become `+7…`; 10 digits starting with 9 become `+79…`;
/// a leading `+` keeps its digits; fewer than 10 digits is an error.
public struct Phone: Hashable, Sendable, CustomStringConvertible {
    public let e164: String

    public init(parsing raw: String) throws(ValidationError) { fatalError("TODO") }

    public var description: String { e164 }
}
