/// The fields of an RFC 3339 text, read without Foundation; nil offset means the text carried none.
struct RFC3339Fields {
    var year = 0, month = 0, day = 0
    var hour = 0, minute = 0, second = 0, microsecond = 0
    var offsetSeconds: Int?

    /// Reads `YYYY-MM-DD[(T|t| )HH:MM[:SS[.fraction]][Z|z|±HH[:MM]|±HHMM]]`; nil on anything else or an impossible
    /// field (month 13, 2026-02-30, hour 24, second 60).
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        var reader = ByteReader(bytes: bytes)
        guard let date = reader.readDate() else { return nil }
        (year, month, day) = (date.year, date.month, date.day)
        if reader.isAtEnd { return }
        guard let separator = reader.peek,
            separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
        else { return nil }
        reader.position += 1
        guard let hour = reader.readNumber(digits: 2), hour < 24, reader.skip(UInt8(ascii: ":")),
            let minute = reader.readNumber(digits: 2), minute < 60
        else { return nil }
        (self.hour, self.minute) = (hour, minute)
        if reader.skip(UInt8(ascii: ":")) {
            guard let second = reader.readNumber(digits: 2), second < 60 else { return nil }
            self.second = second
            if reader.skip(UInt8(ascii: ".")) {
                var digits = 0
                var micros = 0
                while let byte = reader.peek, byte >= 0x30 && byte <= 0x39 {
                    if digits < 6 { micros = micros * 10 + Int(byte - 0x30) }
                    digits += 1
                    reader.position += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<max(digits, 6) { micros *= 10 }
                microsecond = micros
            }
        }
        if reader.isAtEnd { return }
        if reader.skip(UInt8(ascii: "Z")) || reader.skip(UInt8(ascii: "z")) {
            offsetSeconds = 0
        } else {
            guard let signByte = reader.peek, signByte == UInt8(ascii: "+") || signByte == UInt8(ascii: "-") else {
                return nil
            }
            reader.position += 1
            guard let offsetHours = reader.readNumber(digits: 2), offsetHours < 24 else { return nil }
            var offsetMinutes = 0
            if !reader.isAtEnd {
                _ = reader.skip(UInt8(ascii: ":"))
                guard let minutes = reader.readNumber(digits: 2), minutes < 60 else { return nil }
                offsetMinutes = minutes
            }
            let magnitude = offsetHours * 3600 + offsetMinutes * 60
            offsetSeconds = signByte == UInt8(ascii: "-") ? -magnitude : magnitude
        }
        guard reader.isAtEnd else { return nil }
    }
}
