internal import Foundation

/// A file read in fixed-size chunks into a sliding byte buffer, so memory stays flat whatever the file's size.
///
/// Readers consume bytes from `buffer[start...]`; `refill()` drops the consumed prefix and appends the next chunk.
///
/// The buffer only ever holds checked UTF-8: the first chunk is sniffed for what is not text at all (UTF-16/32 byte
/// order marks or NUL patterns, ZIP/XLSX, PDF), a UTF-8 file is validated as it is read (a sequence split across two
/// chunks waits for the next one), and a Windows-1251 file is converted. A bad byte throws an `ImportFileError`
/// naming the byte offset and line (`ChunkedFile+Encoding.swift`).
final class ChunkedFile {
    let fileName: String
    let totalBytes: Int64
    let encoding: TextEncoding
    let url: URL
    private let handle: FileHandle
    private let chunkSize: Int
    /// Raw file bytes read so far (for UTF-8 also the file offset just after `buffer` and `pendingTail`).
    private(set) var rawBytesRead: Int64 = 0
    /// The last bytes of a chunk that start a UTF-8 sequence completed by the next chunk; not in `buffer` yet.
    var pendingTail: [UInt8] = []
    /// Buffered bytes; `buffer[start..<buffer.count]` are not consumed yet.
    var buffer: [UInt8] = []
    var start = 0
    /// File offset of `buffer[0]`.
    private(set) var bufferOffset: Int64 = 0
    private(set) var isAtEnd = false
    /// How many chunks were read so far (lets tests check that a big file is streamed).
    private(set) var chunksRead = 0

    init(url: URL, chunkSize: Int, encoding: TextEncoding = .utf8) throws(ImportFileError) {
        fileName = url.lastPathComponent
        self.url = url
        self.encoding = encoding
        self.chunkSize = max(16, chunkSize)
        try Self.requireFile(url)
        do {
            handle = try FileHandle(forReadingFrom: url)
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            totalBytes = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        } catch {
            throw ImportFileError(
                file: url.lastPathComponent, message: "cannot read the file: \(ChunkedFile.reason(error))")
        }
        buffer.reserveCapacity(self.chunkSize * 2)
    }

    deinit { try? handle.close() }

    /// File offset of the first unconsumed byte.
    var consumedOffset: Int64 { min(totalBytes, bufferOffset + Int64(start)) }

    /// Appends the next chunk, first dropping consumed bytes. Returns false at the end of the file.
    @discardableResult
    func refill() throws(ImportFileError) -> Bool {
        if isAtEnd { return false }
        if start > 0 {
            buffer.removeSubrange(0..<start)
            bufferOffset += Int64(start)
            start = 0
        }
        let data: Data?
        do {
            data = try handle.read(upToCount: chunkSize)
        } catch {
            throw ImportFileError(file: fileName, message: "cannot read the file: \(ChunkedFile.reason(error))")
        }
        guard let data, !data.isEmpty else {
            isAtEnd = true
            try finishText()
            return false
        }
        chunksRead += 1
        let raw = [UInt8](data)
        if chunksRead == 1 { try sniff(raw) }
        try appendText(raw)
        rawBytesRead += Int64(raw.count)
        return true
    }

    /// Ensures at least `count` unconsumed bytes when the file has them.
    func ensure(_ count: Int) throws(ImportFileError) {
        while buffer.count - start < count, try refill() {}
    }

    /// Skips a UTF-8 byte order mark at the current position.
    func skipBOM() throws(ImportFileError) {
        try ensure(3)
        if buffer.count - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
            start += 3
        }
    }

    /// Refuses a path that names nothing, or a folder, before anything reads it: the rule for every file an import
    /// reads (the data and a `--map` file), so that neither surfaces Foundation's error text.
    static func requireFile(_ url: URL) throws(ImportFileError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ImportFileError(file: url.lastPathComponent, message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ImportFileError(file: url.lastPathComponent, message: "is a directory, not a file")
        }
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}
