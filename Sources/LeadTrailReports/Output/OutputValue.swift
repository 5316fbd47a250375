/// A value printed by a listing or report: the same value renders as a table cell, a CSV field or JSON.
public indirect enum OutputValue: Hashable, Sendable {
    case null
    case string(String)
    case integer(Int64)
    /// A number already formatted exactly (money in major units: `12500.00`); JSON prints it as a number.
    case decimal(String)
    case bool(Bool)
    case array([OutputValue])
    case object([(String, OutputValue)])

    public static func == (lhs: OutputValue, rhs: OutputValue) -> Bool { lhs.json == rhs.json }
    public func hash(into hasher: inout Hasher) { hasher.combine(json) }

    /// Wraps an optional string; nil prints as null (JSON) or an empty cell.
    public static func text(_ value: String?) -> OutputValue { value.map(OutputValue.string) ?? .null }

    /// True for numbers, which tables right-align.
    var isNumeric: Bool {
        switch self {
        case .integer, .decimal: true
        default: false
        }
    }

    /// The text of a table cell or CSV field.
    public var plainText: String {
        switch self {
        case .null: ""
        case .string(let text): text
        case .integer(let value): String(value)
        case .decimal(let text): text
        case .bool(let value): value ? "yes" : "no"
        case .array(let values): values.map(\.plainText).joined(separator: ", ")
        case .object: json
        }
    }
}
