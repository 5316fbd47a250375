import Foundation

/// Writes `--rejects FILE`: each rejected record verbatim as one NDJSON line
/// `{"reason": "…", "record": "<the record's text>"}`, so nothing of it is lost and the file can be fixed and re-read.
final class RejectsWriter {
    private let handle: FileHandle

    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
    }

    func write(record: String, reason: String) throws {
        let line = "{\"reason\":" + Self.quoted(reason) + ",\"record\":" + Self.quoted(record) + "}\n"
        try handle.write(contentsOf: Data(line.utf8))
    }

    func close() { try? handle.close() }

    private static func quoted(_ text: String) -> String {
        JSONValue.string(text).jsonText
    }
}
