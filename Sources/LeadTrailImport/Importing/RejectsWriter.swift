import Foundation

/// Writes `--rejects FILE`: each rejected record verbatim as one NDJSON line
/// `{"reason": "…", "record": "<the record's text>"}`, so nothing of it is lost and the file can be fixed and re-read.
///
/// The file is opened before the import starts, so a path that cannot be written (a folder, a missing folder, no
/// permission) fails the command with one line naming it, before anything is read or written.
final class RejectsWriter {
    private let handle: FileHandle
    private let url: URL

    init(url: URL) throws(ImportFileError) {
        self.url = url
        let path = url.path
        let label = "--rejects \(url.relativePath)"
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ImportFileError(file: label, message: "is a folder, not a file")
        }
        let folder = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ImportFileError(file: label, message: "folder \(folder.relativePath) does not exist")
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ImportFileError(file: label, message: "cannot write it: \(String(cString: strerror(errno)))")
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func write(record: String, reason: String) throws(ImportFileError) {
        let line = "{\"reason\":" + Self.quoted(reason) + ",\"record\":" + Self.quoted(record) + "}\n"
        do {
            try handle.write(contentsOf: Data(line.utf8))
        } catch {
            let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code
            let reason = code.map { String(cString: strerror(Int32($0))) } ?? "the write failed"
            throw ImportFileError(file: "--rejects \(url.relativePath)", message: "cannot write it: \(reason)")
        }
    }

    func close() { try? handle.close() }

    private static func quoted(_ text: String) -> String {
        JSONValue.string(text).jsonText
    }
}
