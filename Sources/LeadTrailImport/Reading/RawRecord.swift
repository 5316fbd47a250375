/// One record as read from an import file, before it is mapped and validated.
public struct RawRecord: Sendable {
    /// The record's number for messages: its line for NDJSON; its 1-based position in a JSON array; its 1-based
    /// data row in a CSV/TSV table.
    public var number: Int
    /// The line the record starts on, when known (tables, NDJSON).
    public var line: Int?
    /// The record's text exactly as in the file (without the line break), for `--rejects`.
    /// Invalid UTF-8 shows as U+FFFD here.
    public var text: String
    /// The record as an object, or why it is not one (malformed NDJSON line, not an object, invalid UTF-8).
    public var object: Result<JSONObject, RecordError>

    /// A record read from a file.
    public init(number: Int, line: Int? = nil, text: String, object: Result<JSONObject, RecordError>) {
        self.number = number
        self.line = line
        self.text = text
        self.object = object
    }
}

/// A streaming source of raw records: a JSON array, an NDJSON file, or a CSV/TSV table.
public protocol RawRecordSource: AnyObject {
    /// The file's name, for messages.
    var fileName: String { get }
    /// How `RawRecord.number` counts.
    var numbering: ImportFileError.Numbering { get }
    /// Bytes of the file consumed so far (for a progress display).
    var bytesRead: Int64 { get }
    /// The file's size in bytes.
    var totalBytes: Int64 { get }
    /// The next record, or nil at the end of the file; throws when the file itself cannot be read on.
    func next() throws(ImportFileError) -> RawRecord?
}

extension RawRecord {
    /// A record error placed in its file: `forms.json: record 3: field 'phone': …`.
    public func fileError(_ error: RecordError, in source: any RawRecordSource) -> ImportFileError {
        ImportFileError(file: source.fileName, record: number, numbering: source.numbering, line: line, error: error)
    }
}
