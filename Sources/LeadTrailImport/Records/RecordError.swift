public import LeadTrailCore

/// Why one record of an import file cannot be accepted: the field at fault (when there is one) and what is wrong.
///
/// Prints as `field 'phone': phone has 5 digits; at least 10 are needed`. ``ImportFileError`` adds the file and the
/// record number.
public struct RecordError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The generic field name at fault (`at`, `phone`, `lead.email`), or nil for a whole-record problem.
    public var field: String?
    /// What is wrong, in the user's words.
    public var message: String

    /// An error about `field` (nil: about the whole record).
    public init(field: String? = nil, message: String) {
        self.field = field
        self.message = message
    }

    /// A value that LeadTrailCore rejected, attributed to `field`.
    public init(field: String?, _ error: ValidationError) {
        self.init(field: field, message: error.description)
    }

    /// `field 'at' is required`.
    public static func missing(_ field: String) -> RecordError {
        RecordError(field: field, message: "field '\(field)' is required")
    }

    /// `field 'at': expected a time (RFC 3339 text), found a number`.
    static func wrongType(_ field: String, expected: String, found value: JSONValue) -> RecordError {
        RecordError(field: field, message: "expected \(expected), found \(value.kindDescription)")
    }

    /// One line: `field 'phone': phone has 5 digits; at least 10 are needed`.
    public var description: String {
        // Whatever a reader or preset quoted, the line stays one line.
        let message = ValidationError.shown(message, limit: nil)
        guard let field = field.map({ ValidationError.shown($0) }) else { return message }
        // A message that already names its field (`field 'at' is required`) is printed as it is.
        if message.hasPrefix("field '\(field)'") { return message }
        return "field '\(field)': \(message)"
    }
}

extension RecordError {
    /// Refuses the first of `fields` (name, value) that holds a NUL character (`\u0000` in JSON, `%00` in a URL),
    /// naming it: no store keeps one (SQLite cut the value short there, PostgreSQL's text cannot hold it), so both
    /// stores say the same, for a click and a form alike.
    static func refuseNulCharacters(in fields: [(String, String?)]) throws(RecordError) {
        for (field, value) in fields where value?.utf8.contains(0) == true {
            throw RecordError(field: field, message: "holds a NUL character (\\u0000 or %00), which cannot be stored")
        }
    }
}
