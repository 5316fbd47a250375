/// An import problem with its place: the file, the record (or line) and the field.
///
/// Prints one line, for stderr: `forms.json: record 3: field 'phone': phone has 5 digits; at least 10 are needed`,
/// or for NDJSON and CSV, where the number is a line: `clicks.ndjson: line 12: field 'at': invalid time 'yesterday' …`.
public struct ImportFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// How records of a file are numbered in messages.
    public enum Numbering: String, Hashable, Sendable {
        /// 1-based position in a JSON array: `record 3`.
        case record
        /// 1-based line of the file (NDJSON, CSV, TSV): `line 12`.
        case line
    }

    /// The file's name as the user gave it (the last path component).
    public var file: String
    /// The record number, or nil for a problem with the whole file (unreadable, not JSON, bad header).
    public var record: Int?
    /// Whether `record` is an array position or a line number.
    public var numbering: Numbering
    /// The field at fault, if any.
    public var field: String?
    /// What is wrong.
    public var message: String

    /// An error at a place in a file.
    public init(file: String, record: Int? = nil, numbering: Numbering = .record, field: String? = nil, message: String) {
        self.file = file
        self.record = record
        self.numbering = numbering
        self.field = field
        self.message = message
    }

    /// A record error placed in its file.
    public init(file: String, record: Int, numbering: Numbering, error: RecordError) {
        self.init(file: file, record: record, numbering: numbering, field: error.field, message: error.message)
    }

    /// The record-level part, without the file and number.
    public var recordError: RecordError { RecordError(field: field, message: message) }

    /// One line: `forms.json: record 3: field 'phone': …`.
    public var description: String {
        var text = file
        if let record { text += ": \(numbering.rawValue) \(record)" }
        return text + ": " + recordError.description
    }
}
