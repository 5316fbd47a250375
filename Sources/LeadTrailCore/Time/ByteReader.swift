/// A cursor over UTF-8 bytes for the hand parsers of dates and times.
struct ByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { position >= bytes.count }

    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    /// Exactly `count` ASCII digits as a number.
    mutating func readNumber(digits count: Int) -> Int? {
        guard position + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[position + offset]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        position += count
        return value
    }

    /// `YYYY-MM-DD` naming a real day.
    mutating func readDate() -> CalendarDate? {
        guard let year = readNumber(digits: 4), skip(UInt8(ascii: "-")),
            let month = readNumber(digits: 2), skip(UInt8(ascii: "-")),
            let day = readNumber(digits: 2),
            CivilCalendar.isValid(year: year, month: month, day: day)
        else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }
}
