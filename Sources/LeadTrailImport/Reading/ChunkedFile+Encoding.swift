internal import Foundation

/// What a file's bytes are: text in the chosen encoding, or refused with a message that says what they are instead.
extension ChunkedFile {
    /// Refuses, from the first chunk's bytes, a file that is not text in `encoding` at all.
    func sniff(_ bytes: [UInt8]) throws(ImportFileError) {
        func starts(_ prefix: [UInt8]) -> Bool {
            bytes.count >= prefix.count && Array(bytes[0..<prefix.count]) == prefix
        }
        func refuse(_ what: String) -> ImportFileError {
            ImportFileError(file: fileName, message: what)
        }
        if starts([0xFF, 0xFE, 0x00, 0x00]) || starts([0x00, 0x00, 0xFE, 0xFF]) {
            throw refuse("the file is UTF-32 text (it starts with a UTF-32 byte order mark); save it as UTF-8")
        }
        if starts([0xFF, 0xFE]) {
            throw refuse("the file is UTF-16 LE text (it starts with a UTF-16 byte order mark); save it as UTF-8")
        }
        if starts([0xFE, 0xFF]) {
            throw refuse("the file is UTF-16 BE text (it starts with a UTF-16 byte order mark); save it as UTF-8")
        }
        if starts(Array("PK".utf8) + [0x03, 0x04]) {
            throw refuse("the file is a ZIP archive (an .xlsx workbook?), not text; export it as CSV (UTF-8)")
        }
        if starts(Array("%PDF".utf8)) { throw refuse("the file is a PDF document, not an export; use the CSV export") }
        if starts([0xEF, 0xBB, 0xBF]), encoding == .windows1251 {
            throw refuse(
                "the file starts with a UTF-8 byte order mark, so it is UTF-8, not Windows-1251; drop --encoding")
        }
        if encoding == .windows1251, bytes.contains(where: { $0 >= 0x80 }) {
            // Russian Windows-1251 text is never valid UTF-8 (its lowercase letters, 0xE0–0xFF, would each have to be
            // followed by continuation bytes); text that is would be read as mojibake (`РџРѕРёСЃРє`).
            let scan = bytes.withUnsafeBufferPointer { ChunkedFile.scanUTF8($0) }
            if scan.end == bytes.count || scan.truncated {
                throw refuse(
                    "the file is UTF-8 text, not Windows-1251 (read as Windows-1251 its letters would be"
                        + " garbled); drop --encoding")
            }
        }
        if let nul = bytes.firstIndex(of: 0) {
            if bytes.count >= 4, bytes[0] != 0, bytes[1] == 0, bytes[3] == 0 {
                throw refuse("the file is UTF-16 LE text (every other byte is 0); save it as UTF-8")
            }
            if bytes.count >= 4, bytes[0] == 0, bytes[2] == 0, bytes[1] != 0 {
                throw refuse("the file is UTF-16 BE text (every other byte is 0); save it as UTF-8")
            }
            throw ImportFileError(
                file: fileName, line: lineNumber(atOffset: Int64(nul)),
                message: "a NUL byte at byte offset \(nul): a binary file, not text")
        }
    }

    /// Appends one chunk to the buffer as checked UTF-8.
    func appendText(_ raw: [UInt8]) throws(ImportFileError) {
        switch encoding {
        case .utf8:
            let bytes = pendingTail.isEmpty ? raw : pendingTail + raw
            let firstOffset = rawBytesRead - Int64(pendingTail.count)
            let scan = bytes.withUnsafeBufferPointer { ChunkedFile.scanUTF8($0) }
            if scan.end < bytes.count, !scan.truncated {
                throw invalidUTF8(at: firstOffset + Int64(scan.end), byte: bytes[scan.end], sample: bytes)
            }
            buffer.append(contentsOf: bytes[0..<scan.end])
            pendingTail = Array(bytes[scan.end...])
        case .windows1251:
            for (index, byte) in raw.enumerated() {
                if byte < 0x80 {
                    buffer.append(byte)
                } else if let utf8 = TextEncoding.windows1251UTF8(byte) {
                    buffer.append(contentsOf: utf8)
                } else {
                    let offset = rawBytesRead + Int64(index)
                    throw ImportFileError(
                        file: fileName, line: lineNumber(atOffset: offset),
                        message: "byte 0x98 at byte offset \(offset) is not a Windows-1251 character;"
                            + " is the file in another encoding?")
                }
            }
        }
    }

    /// At the end of the file: a UTF-8 sequence still waiting for its last bytes is invalid.
    func finishText() throws(ImportFileError) {
        guard let first = pendingTail.first else { return }
        throw invalidUTF8(at: rawBytesRead - Int64(pendingTail.count), byte: first, sample: pendingTail)
    }

    /// How far `bytes` are valid UTF-8: `end` is the index of the first byte not in a complete valid sequence
    /// (`bytes.count` when all are), `truncated` says the sequence there is valid so far but cut off by the end.
    static func scanUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> (end: Int, truncated: Bool) {
        var index = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return (0, false) }
        let raw = UnsafeRawPointer(base)
        while index < count {
            // Eight ASCII bytes at a time.
            if index + 8 <= count,
                raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch byte {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                upper = 0x9F
            case 0xF0:
                length = 4
                lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                upper = 0x8F
            default: return (index, false)
            }
            for offset in 1..<length {
                guard index + offset < count else { return (index, true) }
                let next = bytes[index + offset]
                let low: UInt8 = offset == 1 ? lower : 0x80
                let high: UInt8 = offset == 1 ? upper : 0xBF
                guard next >= low && next <= high else { return (index, false) }
            }
            index += length
        }
        return (count, false)
    }

    /// The refusal for a byte that is not UTF-8, with a hint when the chunk reads as Windows-1251 Cyrillic.
    private func invalidUTF8(at offset: Int64, byte: UInt8, sample: [UInt8]) -> ImportFileError {
        var high = 0
        var cyrillic = 0
        for value in sample where value >= 0x80 {
            high += 1
            if value >= 0xC0 || value == 0xA8 || value == 0xB8 || value == 0xB9 || value == 0xA0 { cyrillic += 1 }
        }
        let hint =
            high > 0 && cyrillic * 10 >= high * 9
            ? "it looks like Windows-1251 (what Russian Excel writes): give --encoding windows-1251"
            : "save it as UTF-8, or give --encoding windows-1251 if it is Windows-1251"
        let hex = String(byte, radix: 16, uppercase: true)
        return ImportFileError(
            file: fileName, line: lineNumber(atOffset: offset),
            message: "not UTF-8 text: byte 0x\(hex.count == 1 ? "0" + hex : hex) at byte offset \(offset) is not valid"
                + " UTF-8; \(hint)")
    }

    /// The 1-based line of a raw byte offset, counted by reading the file again (only on the way to an error).
    func lineNumber(atOffset offset: Int64) -> Int? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var line = 1
        var remaining = offset
        while remaining > 0 {
            guard let data = try? handle.read(upToCount: Int(min(remaining, 1 << 20))), !data.isEmpty else { break }
            for byte in data where byte == 0x0A { line += 1 }
            remaining -= Int64(data.count)
        }
        return line
    }
}
