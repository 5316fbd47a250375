internal import Foundation

/// Reads raw `application/x-www-form-urlencoded` bodies, one submission a line (what a Tilda webhook receiver logs
/// when it writes the request body as it came): `Name=%D0%90%D0%BD%D0%BD%D0%B0&Phone=%2B7+916+…&tranid=…`.
///
/// Each line is split on `&`, each pair at its first `=`, and names and values are decoded as URL query text (`+` is
/// a space, `%XX` UTF-8 escapes). Blank lines are skipped; a record's number is its line.
final class FormURLEncodedReader: RawRecordSource {
    var fileName: String { file.fileName }
    var numbering: ImportFileError.Numbering { .line }
    var bytesRead: Int64 { file.consumedOffset }
    var totalBytes: Int64 { file.totalBytes }

    private let file: ChunkedFile
    private var lineNumber = 0

    /// Whether the file's first non-blank line reads as a form body: `name=value` pairs, not JSON.
    static func looksLikeFormBody(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
        guard let line = head.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            return false
        }
        let trimmed = line.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        guard let first = trimmed.first, first != "{", first != "[" else { return false }
        return trimmed.contains("=") && !trimmed.contains("{")
    }

    init(url: URL, encoding: TextEncoding) throws(ImportFileError) {
        file = try ChunkedFile(url: url, chunkSize: 1 << 20, encoding: encoding)
        try file.skipBOM()
    }

    func next() throws(ImportFileError) -> RawRecord? {
        while true {
            var end: Int? = nil
            while true {
                end = file.buffer[file.start...].firstIndex(of: 0x0A)
                if end != nil { break }
                guard try file.refill() else { break }
            }
            let begin = file.start
            let stop = end ?? file.buffer.count
            if end == nil, begin == stop { return nil }
            file.start = end.map { $0 + 1 } ?? stop
            lineNumber += 1
            var text = String(decoding: file.buffer[begin..<stop], as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            if text.allSatisfy(\.isWhitespace) { continue }
            var object = JSONObject()
            for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = FormURLEncodedReader.decode(parts[0])
                guard !name.isEmpty else { continue }
                object.addFormField(name, parts.count > 1 ? FormURLEncodedReader.decode(parts[1]) : "")
            }
            return RawRecord(number: lineNumber, line: lineNumber, text: text, object: .success(object))
        }
    }

    private static func decode(_ text: Substring) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncodingLeniently()
    }
}
