internal import Foundation

/// A file read in fixed-size chunks into a sliding byte buffer, so memory stays flat whatever the file's size.
///
/// Readers consume bytes from `buffer[start...]`; `refill()` drops the consumed prefix and appends the next chunk.
final class ChunkedFile {
    let fileName: String
    let totalBytes: Int64
    private let handle: FileHandle
    private let chunkSize: Int
    /// Buffered bytes; `buffer[start..<buffer.count]` are not consumed yet.
    private(set) var buffer: [UInt8] = []
    var start = 0
    /// File offset of `buffer[0]`.
    private(set) var bufferOffset: Int64 = 0
    private(set) var isAtEnd = false
    /// How many chunks were read so far (lets tests check that a big file is streamed).
    private(set) var chunksRead = 0

    init(url: URL, chunkSize: Int) throws(ImportFileError) {
        fileName = url.lastPathComponent
        self.chunkSize = max(16, chunkSize)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ImportFileError(file: fileName, message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ImportFileError(file: fileName, message: "is a directory, not a file")
        }
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
    var consumedOffset: Int64 { bufferOffset + Int64(start) }

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
            return false
        }
        chunksRead += 1
        data.withUnsafeBytes { raw in buffer.append(contentsOf: raw.bindMemory(to: UInt8.self)) }
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

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}
