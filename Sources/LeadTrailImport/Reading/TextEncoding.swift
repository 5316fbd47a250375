internal import Foundation

/// The text encoding of an import file (`--encoding`): UTF-8 unless the user says otherwise; never guessed.
///
/// UTF-8 files are checked byte by byte as they are read: a byte that is not UTF-8 (a Windows-1251 CSV from Russian
/// Excel, UTF-16) refuses the file with its byte offset and line. A Windows-1251 file is converted to UTF-8 chunk by
/// chunk (one byte is always one character), so it streams like any other file.
public enum TextEncoding: String, CaseIterable, Hashable, Sendable {
    /// UTF-8, with or without a byte order mark (the default).
    case utf8 = "utf-8"
    /// Windows-1251 (CP1251), what Russian Excel writes for "CSV (разделители — запятые)".
    case windows1251 = "windows-1251"

    /// Reads a user's spelling: `utf-8`, `utf8`, `windows-1251`, `cp1251`, `1251` (case-insensitive).
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "windows-1251", "windows1251", "cp1251", "cp-1251", "1251": self = .windows1251
        default: return nil
        }
    }

    /// The text of `bytes` in this encoding; nil when they are not valid UTF-8 (or hold Windows-1251's undefined
    /// byte 0x98). A webhook's form body is read with it, as an import file is.
    public func text(_ bytes: some Collection<UInt8>) -> String? {
        switch self {
        case .utf8:
            return String(validating: bytes, as: UTF8.self)
        case .windows1251:
            var converted: [UInt8] = []
            converted.reserveCapacity(bytes.count)
            for byte in bytes {
                if byte < 0x80 {
                    converted.append(byte)
                } else {
                    guard let utf8 = Self.windows1251UTF8(byte) else { return nil }
                    converted += utf8
                }
            }
            return String(decoding: converted, as: UTF8.self)
        }
    }

    /// The UTF-8 bytes of one Windows-1251 byte ≥ 0x80, or nil for 0x98, the one byte the code page leaves undefined.
    static func windows1251UTF8(_ byte: UInt8) -> [UInt8]? {
        let scalar = windows1251Table[Int(byte) - 0x80]
        guard scalar != 0, let unicode = Unicode.Scalar(scalar) else { return nil }
        return Array(String(Character(unicode)).utf8)
    }

    /// Unicode scalars of Windows-1251 bytes 0x80–0xFF (0 for the undefined 0x98).
    private static let windows1251Table: [UInt32] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
        0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
        0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
        0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
        0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
        0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
        0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
        0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
        0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
        0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
        0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
        0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
    ]
}
