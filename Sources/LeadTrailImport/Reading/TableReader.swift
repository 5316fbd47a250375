internal import CSV
public import Foundation

/// Streams the rows of a CSV or TSV file as objects keyed by the header, so that the mapping code that reads JSON
/// records reads table rows too (every value is a string).
///
/// - The delimiter is a tab for `.tsv`; otherwise the one of `,` `;` tab that occurs most in the header line
///   (outside quotes), comma when none does.
/// - A UTF-8 byte order mark is skipped, CRLF is accepted, quoted values may hold delimiters, quotes (`""`) and
///   line breaks (fields are split by CSV.swift).
/// - Title lines before the header (no delimiter, followed by a line with delimiters: Yandex Direct's Reports API
///   writes one, its web interface's reports four) are skipped, and so is a `Total rows: N` summary line.
/// - A file that ends inside a quoted value (a file cut short) is refused, naming the line the value starts on.
/// - Blank lines are skipped. A record's number is its data row (1-based), its `line` the line it starts on, its
///   text the row as in the file.
/// - Header names are matched by the mapping code; they are kept here as written, trimmed.
public final class TableReader: RawRecordSource {
    /// The file's name, for messages.
    public var fileName: String { file.fileName }
    /// Rows are numbered as data rows, with their line.
    public var numbering: ImportFileError.Numbering { .row }
    /// Bytes of the file consumed so far.
    public var bytesRead: Int64 { file.consumedOffset }
    /// The file's size in bytes.
    public var totalBytes: Int64 { file.totalBytes }
    /// The header's column names, trimmed, in order.
    public private(set) var header: [String] = []
    /// The delimiter in use.
    public private(set) var delimiter: Unicode.Scalar = ","
    /// The line the header row is on.
    public private(set) var headerLine = 1
    /// A `Total rows: N` summary line (Yandex Direct): its line and N; nil when the file has none.
    public private(set) var totalRows: (line: Int, count: Int)?
    /// Data rows read so far (blank lines and the summary line not counted).
    public var dataRows: Int { rowCount }

    private let file: ChunkedFile
    private var line = 1
    private var pending: [(number: Int, text: String)] = []
    /// How many title lines may stand before the header.
    static let maxTitleLines = 8
    private var rowCount = 0

    /// Opens `url` and reads its header (skipping a title line); a file without a header row throws.
    public init(
        url: URL, delimiter: Unicode.Scalar? = nil, chunkSize: Int = 1 << 20, encoding: TextEncoding = .utf8
    ) throws(ImportFileError) {
        file = try ChunkedFile(url: url, chunkSize: chunkSize, encoding: encoding)
        try file.skipBOM()
        guard var first = try nextRawLine() else {
            throw ImportFileError(file: file.fileName, message: "the file is empty; expected a header row")
        }
        let byExtension: Unicode.Scalar? = url.pathExtension.lowercased() == "tsv" ? "\t" : nil
        var chosen = delimiter ?? byExtension ?? TableReader.sniffDelimiter(first.text)
        // Title lines (no delimiter) before the header, as Yandex Direct writes one and its web interface's reports
        // four (report name, period, login, a blank line): skipped when a line with delimiters follows them.
        let forced = delimiter ?? byExtension
        if TableReader.count(of: forced, in: first.text) == 0 {
            var read: [(number: Int, text: String)] = []
            while read.count < Self.maxTitleLines, let next = try nextRawLine() {
                if TableReader.count(of: forced, in: next.text) > 0 {
                    first = next
                    if forced == nil { chosen = TableReader.sniffDelimiter(next.text) }
                    read = []
                    break
                }
                read.append(next)
            }
            // No line with delimiters: a one-column file, whose first line is its header and the rest its rows.
            pending = read
        }
        self.delimiter = chosen
        headerLine = first.number
        let names = try fields(of: first.text, number: first.number)
        header = names.enumerated().map { index, name in
            var name = name.trimmingCharacters(in: .whitespaces)
            if index == 0, name.hasPrefix("\u{FEFF}") { name.removeFirst() }
            return name
        }
        if header.allSatisfy(\.isEmpty) {
            throw ImportFileError(file: file.fileName, line: first.number, message: "the header row is empty")
        }
    }

    /// The next row, or nil at the end of the file.
    public func next() throws(ImportFileError) -> RawRecord? {
        while true {
            let raw: (number: Int, text: String)
            if !pending.isEmpty {
                raw = pending.removeFirst()
            } else {
                guard let next = try nextRawLine() else { return nil }
                raw = next
            }
            if raw.text.hasPrefix("Total rows:") {
                let count = raw.text.dropFirst("Total rows:".count).trimmingCharacters(in: .whitespaces)
                if let count = Int(count) { totalRows = (raw.number, count) }
                continue
            }
            let object: Result<JSONObject, RecordError>
            do throws(ImportFileError) {
                let values = try fields(of: raw.text, number: raw.number)
                object = row(values)
            } catch {
                object = .failure(error.recordError)
            }
            rowCount += 1
            return RawRecord(number: rowCount, line: raw.number, text: raw.text, object: object)
        }
    }

    private func row(_ values: [String]) -> Result<JSONObject, RecordError> {
        if values.count > header.count, values[header.count...].contains(where: { !$0.isEmpty }) {
            return .failure(
                RecordError(message: "the row has \(values.count) values; the header has \(header.count) columns"))
        }
        var object = JSONObject()
        for (index, name) in header.enumerated() where !name.isEmpty && index < values.count {
            object.append(name, .string(values[index]))
        }
        return .success(object)
    }

    private func fields(of text: String, number: Int) throws(ImportFileError) -> [String] {
        do {
            let reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
            return reader.next() ?? []
        } catch {
            throw ImportFileError(
                file: file.fileName, line: number, message: "cannot read the row: \(error)")
        }
    }

    /// The next non-blank record's text (quoted line breaks kept inside) and the line it starts on.
    private func nextRawLine() throws(ImportFileError) -> (number: Int, text: String)? {
        while true {
            var index = file.start
            var inQuotes = false
            var newlines = 0
            var end: Int? = nil
            while end == nil {
                while index < file.buffer.count {
                    let byte = file.buffer[index]
                    if byte == UInt8(ascii: "\"") {
                        inQuotes.toggle()
                    } else if byte == 0x0A {
                        if !inQuotes {
                            end = index
                            break
                        }
                        newlines += 1
                    }
                    index += 1
                }
                if end != nil { break }
                let consumed = file.start
                guard try file.refill() else { break }
                index -= consumed - file.start
            }
            let begin = file.start
            let stop = end ?? file.buffer.count
            if end == nil, begin == stop { return nil }
            let number = line
            if end == nil, inQuotes {
                // A quote opened and never closed: the rest of the file would be one value.
                throw ImportFileError(
                    file: file.fileName, line: number,
                    message: "the file ends inside a quoted value that starts on this line: the file is cut short,"
                        + " or a value holds a lone '\"'")
            }
            line += newlines + 1
            file.start = end.map { $0 + 1 } ?? stop
            var textEnd = stop
            if textEnd > begin, file.buffer[textEnd - 1] == 0x0D { textEnd -= 1 }
            let text = file.buffer.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[begin..<textEnd]), as: UTF8.self)
            }
            if text.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            return (number, text)
        }
    }

    /// Occurrences of `delimiter` (nil: of any candidate) outside quotes.
    static func count(of delimiter: Unicode.Scalar?, in text: String) -> Int {
        var inQuotes = false
        var total = 0
        for scalar in text.unicodeScalars {
            if scalar == "\"" {
                inQuotes.toggle()
            } else if !inQuotes {
                if let delimiter {
                    if scalar == delimiter { total += 1 }
                } else if scalar == "," || scalar == ";" || scalar == "\t" {
                    total += 1
                }
            }
        }
        return total
    }

    static func sniffDelimiter(_ text: String) -> Unicode.Scalar {
        let candidates: [Unicode.Scalar] = ["\t", ";", ","]
        var best: Unicode.Scalar = ","
        var bestCount = 0
        for candidate in candidates {
            let found = count(of: candidate, in: text)
            if found > bestCount {
                best = candidate
                bestCount = found
            }
        }
        return best
    }
}
