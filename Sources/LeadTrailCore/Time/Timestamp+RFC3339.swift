public import Foundation

extension Timestamp {
    /// Parses RFC 3339 (`2026-10-01T12:30:00Z`, `…+03:00`, fractional seconds kept to the microsecond; a space
    /// instead of `T` is accepted). A time without an offset is read in `timeZone`. A hand parser: Foundation's
    /// ISO8601DateFormatter reads only ~10k dates/s on Linux.
    ///
    /// Also accepted, because exports write them: `±HHMM` and `±HH` offsets, a missing seconds field (`12:30`), and a
    /// bare date (`2026-10-01`, midnight in `timeZone`). A local time that a DST change skips is moved forward by the
    /// gap; one that occurs twice is the earlier instant. Digits past the microsecond are dropped, not rounded.
    public static func parse(_ text: String, timeZone: TimeZone) throws(ValidationError) -> Timestamp {
        var trimmed = text.trimmingWhitespace()
        let parsed = trimmed.withUTF8 { bytes in RFC3339Fields(bytes: bytes) }
        guard let parsed else { throw .invalidTimestamp(text) }
        let localSeconds =
            Int64(CivilCalendar.days(year: parsed.year, month: parsed.month, day: parsed.day)) * 86_400
            + Int64(parsed.hour * 3600 + parsed.minute * 60 + parsed.second)
        let offset = parsed.offsetSeconds ?? Timestamp.offset(ofLocalSeconds: localSeconds, in: timeZone)
        return Timestamp(microseconds: (localSeconds - Int64(offset)) * 1_000_000 + Int64(parsed.microsecond))
    }

    /// The UTC offset that applies to a wall-clock time in a zone, looked up around DST transitions.
    private static func offset(ofLocalSeconds local: Int64, in timeZone: TimeZone) -> Int {
        let before = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local - 86_400)))
        let after = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local + 86_400)))
        if before == after {
            // No transition nearby, unless one sits exactly at this time: check the candidate itself.
            let candidate = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local - Int64(before))))
            if candidate == before { return before }
        }
        let beforeHolds =
            timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local - Int64(before)))) == before
        let afterHolds =
            timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local - Int64(after)))) == after
        switch (beforeHolds, afterHolds) {
        case (true, true): return max(before, after)  // Occurs twice: the larger offset is the earlier instant.
        case (true, false): return before
        case (false, true): return after
        case (false, false): return before  // Skipped by a gap: the old offset lands after the jump.
        }
    }

    /// RFC 3339 in UTC with a `Z`: `2026-10-01T09:30:00Z`; fractional seconds only when non-zero.
    ///
    /// The fraction is written without trailing zeros (`.5`, `.123456`), so the text parses back to the same instant.
    public var rfc3339: String {
        let (seconds, micros) = CivilCalendar.floorDivide(microseconds, by: 1_000_000)
        let (days, secondOfDay) = CivilCalendar.floorDivide(seconds, by: 86_400)
        let date = CivilCalendar.date(days: Int(days))
        let second = Int(secondOfDay)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(27)
        func append(_ value: Int, digits: Int) {
            var divisor = 1
            for _ in 1..<digits { divisor *= 10 }
            // A local time past 9999-12-31 (9999-12-31T23:00Z in Moscow) keeps its fifth digit, never "0000".
            while value / divisor >= 10 { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(0x30 + (rest / divisor) % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        append(date.year, digits: 4)
        bytes.append(UInt8(ascii: "-"))
        append(date.month, digits: 2)
        bytes.append(UInt8(ascii: "-"))
        append(date.day, digits: 2)
        bytes.append(UInt8(ascii: "T"))
        append(second / 3600, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(second / 60 % 60, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(second % 60, digits: 2)
        if micros != 0 {
            bytes.append(UInt8(ascii: "."))
            append(Int(micros), digits: 6)
            while bytes.last == UInt8(ascii: "0") { bytes.removeLast() }
        }
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The current time.
    ///
    /// Used for records without a time of their own (an import's time) and for the default report period.
    public static func now() -> Timestamp {
        Timestamp(microseconds: Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down)))
    }

    /// The calendar day this instant falls on in `timeZone`.
    ///
    /// Reports group by the day the marketer lived, not the UTC day: 23:30 UTC is already tomorrow in Moscow.
    public func calendarDate(in timeZone: TimeZone) -> CalendarDate {
        let seconds = CivilCalendar.floorDivide(microseconds, by: 1_000_000).quotient
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
        let days = CivilCalendar.floorDivide(seconds + Int64(offset), by: 86_400).quotient
        let date = CivilCalendar.date(days: Int(days))
        return CalendarDate(year: date.year, month: date.month, day: date.day)
    }
}
