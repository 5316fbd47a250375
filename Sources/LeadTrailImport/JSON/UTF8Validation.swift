/// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF).
///
/// `String(decoding:as:)` repairs bad bytes silently; an import must instead reject the record that holds them.
enum UTF8Validation {
    /// Whether every byte is part of a complete, valid sequence: the file reader's scan (``ChunkedFile/scanUTF8(_:)``)
    /// reaching the end.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ChunkedFile.scanUTF8(bytes).end == bytes.count
    }
}
