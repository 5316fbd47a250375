import LeadTrailCore

/// An import problem with its place: the file, the record (or line) and the field.
///
/// Prints one line, for stderr: `forms.json: record 3: field 'phone': phone has 5 digits; at least 10 are needed`,
/// for NDJSON, where the number is a line: `clicks.ndjson: line 12: field 'at': invalid time 'yesterday' …`, and for
/// CSV/TSV, where data rows are counted and the line is given too: `spend.csv: data row 12, line 14: …`.
public struct ImportFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// How records of a file are numbered in messages.
    public enum Numbering: String, Hashable, Sendable {
        /// 1-based position in a JSON array: `record 3`.
        case record
        /// 1-based line of the file (NDJSON): `line 12`.
        case line
        /// 1-based data row of a table (header and title lines not counted), with its line: `data row 12, line 14`.
        case row
    }

    /// The file's name as the user gave it (the last path component).
    public var file: String
    /// The record number, or nil for a problem with the whole file (unreadable, not JSON, bad header).
    public var record: Int?
    /// Whether `record` is an array position or a line number.
    public var numbering: Numbering
    /// For `.row` numbering: the line the row starts on.
    public var line: Int?
    /// The field at fault, if any.
    public var field: String?
    /// What is wrong.
    public var message: String

    /// An error at a place in a file.
    public init(
        file: String, record: Int? = nil, numbering: Numbering = .record, line: Int? = nil, field: String? = nil,
        message: String
    ) {
        self.file = file
        self.line = line
        self.record = record
        self.numbering = numbering
        self.field = field
        self.message = message
    }

    /// A record error placed in its file.
    public init(file: String, record: Int, numbering: Numbering, line: Int? = nil, error: RecordError) {
        self.init(
            file: file, record: record, numbering: numbering, line: line, field: error.field, message: error.message)
    }

    /// The record-level part, without the file and number.
    public var recordError: RecordError { RecordError(field: field, message: message) }

    /// One line: `forms.json: record 3: field 'phone': …`.
    public var description: String {
        var text = ValidationError.shown(file, limit: nil)
        if let record {
            switch numbering {
            case .record: text += ": record \(record)"
            case .line: text += ": line \(record)"
            case .row: text += ": data row \(record)" + (line.map { ", line \($0)" } ?? "")
            }
        } else if let line {
            text += ": line \(line)"
        }
        return text + ": " + recordError.description
    }
}
