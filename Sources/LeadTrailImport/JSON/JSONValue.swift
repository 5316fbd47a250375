/// One JSON value as read from an import file.
///
/// Numbers keep their exact text (`12500.50`, `1e3`) so that money is parsed as an exact decimal and a numeric
/// visitor id keeps its digits; nothing on the import path goes through a floating-point number.
public enum JSONValue: Hashable, Sendable {
    /// A string, escapes decoded.
    case string(String)
    /// A number, exactly as written in the file (`-3.50`, `1e3`).
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// An array, in file order.
    case array([JSONValue])
    /// An object, keys in file order (the first of duplicate keys wins).
    case object(JSONObject)

    /// The value's kind with an article, for error messages: `a string`, `an object`.
    public var kindDescription: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The text of a string, or the exact text of a number; nil for every other kind.
    ///
    /// Used where a field may be either (`"visitor": 12345` is the visitor `12345`).
    public var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): text
        default: nil
        }
    }
}
