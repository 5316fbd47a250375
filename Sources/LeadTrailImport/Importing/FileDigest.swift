import Foundation

/// A fingerprint of a whole file for the batch record: 64-bit FNV-1a over its bytes, read in chunks so a 1 GB file
/// costs no memory. It tells whether the same file was imported before; it is no security measure.
enum FileDigest {
    static func of(_ url: URL) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ImportFileError(file: url.lastPathComponent, message: "cannot open the file")
        }
        defer { try? handle.close() }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { bytes in
                for byte in bytes {
                    hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                }
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
