/// URL percent-decoding as form bodies and query strings write it: `%XX` is a byte, `+` a space; a `%` not followed by
/// two hex digits stays as written. Bytes in, bytes out: which text they are (UTF-8, Windows-1251) is the caller's to
/// say.
public enum PercentDecoding {
    /// The bytes `part` stands for.
    public static func bytes(_ part: some Collection<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(part.count)
        var index = part.startIndex
        while index < part.endIndex {
            let byte = part[index]
            let next = part.index(after: index)
            if byte == UInt8(ascii: "%"), next < part.endIndex, part.index(after: next) < part.endIndex,
                let high = hexValue(part[next]), let low = hexValue(part[part.index(after: next)])
            {
                bytes.append(high << 4 | low)
                index = part.index(next, offsetBy: 2)
                continue
            }
            bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index = next
        }
        return bytes
    }

    /// The value of one hex digit, or nil.
    public static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
