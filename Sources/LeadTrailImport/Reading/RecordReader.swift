public import Foundation

/// Streams the records of a JSON import file: a JSON array of objects, or NDJSON (one object a line).
///
/// The layout is detected from the first non-space byte (`[` is an array, anything else NDJSON); a UTF-8 byte order
/// mark is skipped and CRLF line ends are accepted. The file is read in chunks (1 MiB by default), so a 1 GB file
/// takes a few megabytes of memory.
///
/// Errors are placed as the SPEC asks: in NDJSON a malformed line is a record error on that line (the import may
/// skip it with `--skip-invalid`) and the lines after it still read; in a JSON array broken syntax ends the file
/// (``next()`` throws), because nothing after it can be trusted. In both, a record that is valid JSON but not an
/// object, or holds invalid UTF-8, is a record error.
///
/// ```swift
/// let reader = try RecordReader(url: URL(fileURLWithPath: "clicks.ndjson"))
/// while let record = try reader.next() {
///     switch record.object { case .success(let object): …; case .failure(let error): … }
/// }
/// ```
public final class RecordReader: RawRecordSource {
    /// How the file lays out its records.
    public enum Layout: String, Sendable {
        /// `[ {…}, {…} ]`.
        case jsonArray
        /// One object a line; blank lines skipped.
        case ndjson
        /// Graph API pages: `{"data": [ {…}, … ], "paging": {…}}`, one or more in a row; records are the elements
        /// of each page's `data`, numbered across pages.
        case pages
        /// JSON values one after another, each spread over lines as a pretty-printer writes them (a single pretty-printed
        /// object is the usual case); records are numbered in order.
        case concatenated
    }

    /// The detected layout.
    public let layout: Layout
    /// The file's name, for messages.
    public var fileName: String { file.fileName }
    /// `record` for a JSON array or concatenated values, `line` for NDJSON.
    public var numbering: ImportFileError.Numbering { layout == .ndjson ? .line : .record }
    /// Bytes of the file consumed so far.
    public var bytesRead: Int64 { file.consumedOffset }
    /// The file's size in bytes.
    public var totalBytes: Int64 { file.totalBytes }
    /// Chunks read from disk so far: a big file is read in many.
    public var chunksRead: Int { file.chunksRead }

    private let file: ChunkedFile
    private let pageKey: String?
    /// NDJSON: the last line number consumed. Array: the last element index.
    private var counter = 0
    /// Array: the line the unconsumed bytes start on, for syntax error positions.
    private var line = 1
    private var arrayState: ArrayState = .first

    private enum ArrayState { case first, afterElement, finished }

    /// Opens `url` and detects its layout; an unreadable file throws.
    ///
    /// - Parameters:
    ///   - pageKey: when given (Meta's `"data"`), a file that starts with `{"data": [` is read as API pages.
    ///   - chunkSize: bytes read from disk at a time.
    ///   - encoding: the file's text encoding; bytes that are not valid in it refuse the file.
    public convenience init(
        url: URL, pageKey: String? = nil, chunkSize: Int = 1 << 20, encoding: TextEncoding = .utf8
    ) throws(ImportFileError) {
        do {
            try self.init(opening: url, pageKey: pageKey, chunkSize: chunkSize, encoding: encoding)
        } catch {
            // A table in another encoding (Russian Excel's CSV) is refused for being a table first: `--encoding`
            // would only lead to that refusal next.
            if let problem = RecordReader.tableHeader(of: url) {
                throw ImportFileError(file: url.lastPathComponent, line: 1, message: problem)
            }
            throw error
        }
    }

    private init(opening url: URL, pageKey: String?, chunkSize: Int, encoding: TextEncoding) throws(ImportFileError) {
        self.pageKey = pageKey
        file = try ChunkedFile(url: url, chunkSize: chunkSize, encoding: encoding)
        try file.skipBOM()
        // Find the first non-space byte without consuming it.
        var index = file.start
        var detected = Layout.ndjson
        scan: while true {
            while index < file.buffer.count {
                switch file.buffer[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                case UInt8(ascii: "["):
                    detected = .jsonArray
                    break scan
                case UInt8(ascii: "{"):
                    let offset = index - file.start
                    try file.ensure(offset + 4096)
                    index = file.start + offset
                    if let pageKey, let end = RecordReader.pageStart(in: file.buffer, at: index, key: pageKey) {
                        detected = .pages
                        index = end - 1
                    } else if try RecordReader.firstLineIsIncomplete(file, at: index) {
                        detected = .concatenated
                    }
                    break scan
                default:
                    if let problem = try RecordReader.notJSON(file, at: index) {
                        throw ImportFileError(file: file.fileName, line: 1, message: problem)
                    }
                    break scan
                }
            }
            let consumedBefore = file.start
            guard try file.refill() else { break }
            index -= consumedBefore - file.start
        }
        layout = detected
        if layout == .jsonArray || layout == .pages {
            // Consume up to and including `[`, counting lines.
            for position in file.start..<index where file.buffer[position] == 0x0A { line += 1 }
            file.start = index + 1
        }
    }

    /// The next record, or nil at the end of the file.
    ///
    /// Throws only for problems with the file as a whole: a read failure, or broken syntax in a JSON array.
    public func next() throws(ImportFileError) -> RawRecord? {
        switch layout {
        case .ndjson: try nextLine()
        case .jsonArray, .pages: try nextElement()
        case .concatenated: try nextValue()
        }
    }

    // MARK: Detection

    /// Whether the object starting at `index` runs past its line: a pretty-printed document, not NDJSON.
    private static func firstLineIsIncomplete(_ file: ChunkedFile, at index: Int) throws(ImportFileError) -> Bool {
        let offset = index - file.start
        var end: Int? = nil
        while true {
            end = file.buffer[(file.start + offset)...].firstIndex(of: 0x0A)
            if end != nil || file.buffer.count - file.start - offset > (8 << 20) { break }
            guard try file.refill() else { break }
        }
        guard let end else { return false }
        let begin = file.start + offset
        return file.buffer.withUnsafeBufferPointer { bytes in
            var scanner = JSONScanner(bytes: UnsafeBufferPointer(rebasing: bytes[begin..<end]), isFinal: false)
            do throws(JSONSyntaxError) {
                _ = try scanner.parseValue()
                return false
            } catch {
                return error.isTruncated
            }
        }
    }

    /// Why a file whose first character (at `index`) cannot start a JSON record is no JSON import, or nil to let
    /// the NDJSON reader report its lines: a CSV/TSV table gets a message of its own.
    private static func notJSON(_ file: ChunkedFile, at index: Int) throws(ImportFileError) -> String? {
        let offset = index - file.start
        try file.ensure(offset + 4096)
        let begin = file.start + offset
        let lineEnd = file.buffer[begin...].firstIndex(of: 0x0A) ?? file.buffer.count
        return tableProblem(firstLine: String(decoding: file.buffer[begin..<lineEnd], as: UTF8.self))
    }

    /// The refusal of a CSV/TSV table given to a JSON import, when `line` (a file's first) is a table's header.
    private static func tableProblem(firstLine line: String) -> String? {
        guard !line.contains("{"), TableReader.count(of: nil, in: line) > 0 else { return nil }
        if isMetricaVisitsHeader(line) {
            return "this is a Yandex Metrica Logs API visits table (ym:s: columns), not JSON: import it with"
                + " 'leadtrail import clicks FILE --preset yandex-metrica'"
        }
        return "this is a CSV/TSV table, not JSON: this preset reads a JSON array or NDJSON (one object a line);"
            + " without --preset, clicks, forms and deals read CSV/TSV tables too, and --preset meta-lead-ads reads"
            + " Meta's Leads Center CSV"
    }

    /// A header of Metrica's Logs API visits (`ym:s:visitID	ym:s:clientID	ym:s:dateTime…`), which only
    /// `import clicks --preset yandex-metrica` reads: a `ym:s:` column, or the client id and the time without it.
    private static func isMetricaVisitsHeader(_ line: String) -> Bool {
        isMetricaVisitsHeader(names: line.split { $0 == "\t" || $0 == "," || $0 == ";" }.map(String.init))
    }

    /// ``isMetricaVisitsHeader(_:)`` for a header already split into its column names.
    static func isMetricaVisitsHeader(names header: [String]) -> Bool {
        let names = header.map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\r \u{FEFF}")).lowercased()
        }
        if names.contains(where: { $0.hasPrefix("ym:s:") }) { return true }
        return names.contains("clientid") && (names.contains("datetime") || names.contains("visitid"))
    }

    /// ``tableProblem(firstLine:)`` for the first line of a file that could not be read as text: its delimiters are
    /// ASCII in any encoding Excel writes, whatever its letters. None for a binary file, UTF-16 or a JSON document.
    static func tableHeader(of url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 4096), !head.contains(0) else { return nil }
        let line = head.prefix { $0 != 0x0A }
        let first = line.first { ![0x20, 0x09, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        guard let first, first != UInt8(ascii: "{"), first != UInt8(ascii: "[") else { return nil }
        return tableProblem(firstLine: String(decoding: line, as: UTF8.self))
    }

    // MARK: Concatenated values

    private func nextValue() throws(ImportFileError) -> RawRecord? {
        try skipArrayWhitespace()
        guard file.start < file.buffer.count else { return nil }
        counter += 1
        let startLine = line
        var record = try parseElement()
        record.line = startLine
        return record
    }

    // MARK: NDJSON

    private func nextLine() throws(ImportFileError) -> RawRecord? {
        while true {
            var searchFrom = file.start
            var lineEnd: Int? = nil
            while lineEnd == nil {
                lineEnd = file.buffer.withUnsafeBufferPointer { bytes in
                    var index = searchFrom
                    while index < bytes.count {
                        if bytes[index] == 0x0A { return index }
                        index += 1
                    }
                    return nil
                }
                if lineEnd != nil { break }
                let consumed = file.start
                let scanned = file.buffer.count
                guard try file.refill() else { break }
                searchFrom = scanned - (consumed - file.start)
            }
            let begin = file.start
            let end = lineEnd ?? file.buffer.count
            if lineEnd == nil && begin == end { return nil }
            counter += 1
            file.start = lineEnd.map { $0 + 1 } ?? end
            let record: RawRecord? = file.buffer.withUnsafeBufferPointer { bytes in
                var stop = end
                if stop > begin, bytes[stop - 1] == 0x0D { stop -= 1 }
                let slice = UnsafeBufferPointer(rebasing: bytes[begin..<stop])
                var blank = true
                for byte in slice where !(byte == 0x20 || byte == 0x09 || byte == 0x0D) {
                    blank = false
                    break
                }
                if blank { return nil }
                var record = RecordReader.record(from: slice, number: counter)
                record.line = counter
                return record
            }
            if let record { return record }
        }
    }

    /// Parses one complete record (an NDJSON line or an array element).
    static func record(from slice: UnsafeBufferPointer<UInt8>, number: Int) -> RawRecord {
        let text = String(decoding: slice, as: UTF8.self)
        var scanner = JSONScanner(bytes: slice, isFinal: true)
        let object: Result<JSONObject, RecordError>
        do throws(JSONSyntaxError) {
            scanner.skipWhitespace()
            let value: JSONValue
            if scanner.current == UInt8(ascii: "{") {
                value = .object(try scanner.parseObject())
            } else {
                value = try scanner.parseValue()
            }
            scanner.skipWhitespace()
            if let byte = scanner.current {
                _ = byte
                throw JSONSyntaxError(
                    message: "unexpected text after the record", offset: scanner.position, isTruncated: false)
            }
            if let field = scanner.invalidUTF8Field {
                object = .failure(
                    RecordError(field: field, message: "invalid UTF-8 in the text (the file must be UTF-8)"))
            } else if case .object(let value) = value {
                object = .success(value)
            } else {
                object = .failure(RecordError(message: "expected a JSON object, found \(value.kindDescription)"))
            }
        } catch {
            object = .failure(
                RecordError(message: "invalid JSON: \(error.message) (\(place(of: error.offset, in: slice)))"))
        }
        return RawRecord(number: number, text: text, object: object)
    }

    /// Where `offset` is in a record: `column C` on a one-line record (an NDJSON line), `line L, column C` in one
    /// spread over lines (a request body a client pretty-printed).
    private static func place(of offset: Int, in slice: UnsafeBufferPointer<UInt8>) -> String {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, slice.count) where slice[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = offset - lineStart + 1
        return line == 1 ? "column \(column)" : "line \(line), column \(column)"
    }

    // MARK: JSON array

    private func nextElement() throws(ImportFileError) -> RawRecord? {
        if arrayState == .finished { return nil }
        try skipArrayWhitespace()
        guard file.start < file.buffer.count else {
            throw syntaxError("the array is not closed with ']'", record: nil)
        }
        let byte = file.buffer[file.start]
        switch arrayState {
        case .first:
            if byte == UInt8(ascii: "]") { return try finishArray() }
        case .afterElement:
            if byte == UInt8(ascii: "]") { return try finishArray() }
            guard byte == UInt8(ascii: ",") else {
                throw syntaxError(
                    "expected ',' or ']' after record \(counter), found \(Self.describe(byte))", record: nil)
            }
            file.start += 1
            try skipArrayWhitespace()
            guard file.start < file.buffer.count else {
                throw syntaxError("the array ends after ','", record: nil)
            }
        case .finished: return nil
        }
        counter += 1
        let record = try parseElement()
        arrayState = .afterElement
        return record
    }

    /// Parses the JSON value at the current position as record `counter`, refilling when it runs past the buffer.
    private func parseElement() throws(ImportFileError) -> RawRecord {
        // Parse the element, refilling when it runs past the buffered bytes.
        while true {
            let outcome: Result<(end: Int, record: RawRecord), JSONSyntaxError> = file.buffer.withUnsafeBufferPointer {
                bytes in
                let begin = file.start
                var scanner = JSONScanner(bytes: bytes, position: begin, isFinal: file.isAtEnd)
                do throws(JSONSyntaxError) {
                    let value = try scanner.parseValue()
                    let end = scanner.position
                    let slice = UnsafeBufferPointer(rebasing: bytes[begin..<end])
                    let text = String(decoding: slice, as: UTF8.self)
                    let object: Result<JSONObject, RecordError>
                    if let field = scanner.invalidUTF8Field {
                        object = .failure(
                            RecordError(field: field, message: "invalid UTF-8 in the text (the file must be UTF-8)"))
                    } else if case .object(let value) = value {
                        object = .success(value)
                    } else {
                        object = .failure(
                            RecordError(message: "expected a JSON object, found \(value.kindDescription)"))
                    }
                    return .success((end, RawRecord(number: counter, text: text, object: object)))
                } catch {
                    return .failure(error)
                }
            }
            switch outcome {
            case .success(let parsed):
                countLines(upTo: parsed.end)
                file.start = parsed.end
                return parsed.record
            case .failure(let error):
                if error.isTruncated, !file.isAtEnd {
                    try file.refill()
                    continue
                }
                let place = location(ofBufferIndex: error.offset)
                throw syntaxError(
                    "invalid JSON: \(error.message) (line \(place.line), column \(place.column))", record: counter)
            }
        }
    }

    private func finishArray() throws(ImportFileError) -> RawRecord? {
        file.start += 1
        if layout == .pages { return try finishPage() }
        arrayState = .finished
        try skipArrayWhitespace()
        if file.start < file.buffer.count {
            throw syntaxError("unexpected text after the closing ']' (line \(line))", record: nil)
        }
        return nil
    }

    /// After a page's `data` array: reads the page's other members, then either the next page or the end.
    private func finishPage() throws(ImportFileError) -> RawRecord? {
        try skipArrayWhitespace()
        guard file.start < file.buffer.count else {
            throw syntaxError("the page object is not closed with '}'", record: nil)
        }
        if file.buffer[file.start] == UInt8(ascii: ",") {
            while true {
                let outcome: Result<Int, JSONSyntaxError> = file.buffer.withUnsafeBufferPointer { bytes in
                    var scanner = JSONScanner(bytes: bytes, position: file.start, isFinal: file.isAtEnd)
                    do throws(JSONSyntaxError) {
                        _ = try scanner.parseObjectRemainder()
                        return .success(scanner.position)
                    } catch {
                        return .failure(error)
                    }
                }
                switch outcome {
                case .success(let end):
                    countLines(upTo: end)
                    file.start = end
                case .failure(let error):
                    if error.isTruncated, !file.isAtEnd {
                        try file.refill()
                        continue
                    }
                    let place = location(ofBufferIndex: error.offset)
                    throw syntaxError(
                        "invalid JSON: \(error.message) (line \(place.line), column \(place.column))", record: nil)
                }
                break
            }
        } else if file.buffer[file.start] == UInt8(ascii: "}") {
            file.start += 1
        } else {
            throw syntaxError("expected ',' or '}' after the page's data (line \(line))", record: nil)
        }
        try skipArrayWhitespace()
        guard file.start < file.buffer.count else {
            arrayState = .finished
            return nil
        }
        try file.ensure(4096)
        guard let end = RecordReader.pageStart(in: file.buffer, at: file.start, key: pageKey ?? "data") else {
            throw syntaxError(
                "unexpected text after a page (line \(line)); expected another {\"\(pageKey ?? "data")\": [ … ]}",
                record: nil)
        }
        countLines(upTo: end)
        file.start = end
        arrayState = .first
        return try nextElement()
    }

    /// If the bytes at `index` read `{ "key" : [`, the index after the `[`.
    static func pageStart(in buffer: [UInt8], at index: Int, key: String) -> Int? {
        var position = index
        func skip() {
            while position < buffer.count, [0x20, 0x0A, 0x0D, 0x09].contains(buffer[position]) { position += 1 }
        }
        guard position < buffer.count, buffer[position] == UInt8(ascii: "{") else { return nil }
        position += 1
        skip()
        for byte in Array("\"\(key)\"".utf8) {
            guard position < buffer.count, buffer[position] == byte else { return nil }
            position += 1
        }
        skip()
        guard position < buffer.count, buffer[position] == UInt8(ascii: ":") else { return nil }
        position += 1
        skip()
        guard position < buffer.count, buffer[position] == UInt8(ascii: "[") else { return nil }
        return position + 1
    }

    private func skipArrayWhitespace() throws(ImportFileError) {
        while true {
            while file.start < file.buffer.count {
                switch file.buffer[file.start] {
                case 0x0A:
                    line += 1
                    file.start += 1
                case 0x20, 0x0D, 0x09: file.start += 1
                default: return
                }
            }
            guard try file.refill() else { return }
        }
    }

    private func countLines(upTo end: Int) {
        var newlines = 0
        file.buffer.withUnsafeBufferPointer { bytes in
            for index in file.start..<end where bytes[index] == 0x0A { newlines += 1 }
        }
        line += newlines
    }

    private func location(ofBufferIndex index: Int) -> (line: Int, column: Int) {
        var line = self.line
        var lineStart = file.start
        let stop = min(index, file.buffer.count)
        if file.start < stop {
            for position in file.start..<stop where file.buffer[position] == 0x0A {
                line += 1
                lineStart = position + 1
            }
        }
        return (line, max(1, stop - lineStart + 1))
    }

    private func syntaxError(_ message: String, record: Int?) -> ImportFileError {
        ImportFileError(file: fileName, record: record, numbering: .record, message: message)
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
