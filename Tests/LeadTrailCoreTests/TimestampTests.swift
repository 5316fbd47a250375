import Foundation
import Testing

@testable import LeadTrailCore

struct TimestampTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let moscow = TimeZone(identifier: "Europe/Moscow")!
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    /// 2026-10-01T09:30:00Z in microseconds.
    static let base: Int64 = 1_790_847_000 * 1_000_000

    @Test(arguments: [
        ("2026-10-01T09:30:00Z", base),
        ("2026-10-01t09:30:00z", base),
        ("2026-10-01 09:30:00Z", base),
        ("2026-10-01T12:30:00+03:00", base),
        ("2026-10-01T12:30:00+0300", base),
        ("2026-10-01T12:30:00+03", base),
        ("2026-10-01T04:00:00-05:30", base),
        ("2026-10-01T09:30:00.5Z", base + 500_000),
        ("2026-10-01T09:30:00.123456Z", base + 123_456),
        ("2026-10-01T09:30:00.1234567891Z", base + 123_456),
        ("2026-10-01T09:30:00.000001+00:00", base + 1),
        ("2026-10-01T09:30Z", base),
        (" 2026-10-01T09:30:00Z\n", base),
        ("1969-12-31T23:59:59.5Z", -500_000),
        ("1970-01-01T00:00:00Z", 0),
    ])
    func parsesRFC3339(_ text: String, _ microseconds: Int64) throws {
        #expect(try Timestamp.parse(text, timeZone: Self.moscow).microseconds == microseconds)
    }

    @Test func offsetLessTimeIsReadInTheGivenZone() throws {
        #expect(try Timestamp.parse("2026-10-01T12:30:00", timeZone: Self.moscow).microseconds == Self.base)
        #expect(
            try Timestamp.parse("2026-10-01 12:30:00.25", timeZone: Self.moscow).microseconds == Self.base + 250_000)
        #expect(try Timestamp.parse("2026-10-01T09:30:00", timeZone: Self.utc).microseconds == Self.base)
        #expect(try Timestamp.parse("2026-10-01", timeZone: Self.moscow).rfc3339 == "2026-09-30T21:00:00Z")
    }

    @Test func offsetLessTimeFollowsDaylightSaving() throws {
        // Berlin: +02:00 in summer, +01:00 in winter; 2026-03-29 02:00 jumps to 03:00, 2026-10-25 03:00 back to 02:00.
        #expect(try Timestamp.parse("2026-07-01T12:00:00", timeZone: Self.berlin).rfc3339 == "2026-07-01T10:00:00Z")
        #expect(try Timestamp.parse("2026-01-15T12:00:00", timeZone: Self.berlin).rfc3339 == "2026-01-15T11:00:00Z")
        #expect(try Timestamp.parse("2026-03-29T01:59:59", timeZone: Self.berlin).rfc3339 == "2026-03-29T00:59:59Z")
        #expect(try Timestamp.parse("2026-03-29T03:00:00", timeZone: Self.berlin).rfc3339 == "2026-03-29T01:00:00Z")
        // Skipped local time moves forward by the gap.
        #expect(try Timestamp.parse("2026-03-29T02:30:00", timeZone: Self.berlin).rfc3339 == "2026-03-29T01:30:00Z")
        // Repeated local time is the earlier instant.
        #expect(try Timestamp.parse("2026-10-25T02:30:00", timeZone: Self.berlin).rfc3339 == "2026-10-25T00:30:00Z")
        #expect(try Timestamp.parse("2026-10-25T03:30:00", timeZone: Self.berlin).rfc3339 == "2026-10-25T02:30:00Z")
    }

    @Test(arguments: [
        "", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-02-29", "2026-10-01T24:00:00Z",
        "2026-10-01T12:60:00Z", "2026-10-01T12:30:60Z", "2026-10-01T12:30:00.Z", "2026-10-01T12:30:00+3:00",
        "2026-10-01T12:30:00+25:00", "2026-10-01X12:30:00Z", "26-10-01", "2026-10-1", "2026-10-01T12:30:00Zjunk",
        "yesterday", "2026-10-01T12", "2026-10-01T12:30:00 +03:00", "0000-01-01",
    ])
    func rejectsInvalidTimes(_ text: String) {
        #expect(throws: ValidationError.invalidTimestamp(text)) { try Timestamp.parse(text, timeZone: Self.utc) }
    }

    @Test(arguments: [
        "2026-10-01T09:30:00Z", "2026-10-01T09:30:00.5Z", "2026-10-01T09:30:00.000001Z", "2024-02-29T23:59:59.123Z",
        "1969-12-31T23:59:59.5Z", "1900-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
    ])
    func roundTripsThroughRFC3339(_ text: String) throws {
        #expect(try Timestamp.parse(text, timeZone: Self.utc).rfc3339 == text)
    }

    /// The last second of 9999 in UTC is in year 10000 in Moscow: written with its five digits, not as year 0000.
    @Test func aLocalTimePastTheYear9999KeepsItsYear() throws {
        let time = try Timestamp.parse("9999-12-31T23:59:59Z", timeZone: Self.utc)
        #expect(Timestamp(microseconds: time.microseconds + 3 * 3_600_000_000).rfc3339 == "10000-01-01T02:59:59Z")
    }

    @Test func rfc3339IsUTCWithZ() throws {
        #expect(
            try Timestamp.parse("2026-10-01T12:30:00.120+03:00", timeZone: Self.utc).rfc3339
                == "2026-10-01T09:30:00.12Z")
    }

    @Test func calendarDateAcrossMidnight() throws {
        let lateUTC = try Timestamp.parse("2026-10-01T22:30:00Z", timeZone: Self.utc)
        #expect(lateUTC.calendarDate(in: Self.utc) == CalendarDate(year: 2026, month: 10, day: 1))
        #expect(lateUTC.calendarDate(in: Self.moscow) == CalendarDate(year: 2026, month: 10, day: 2))
        let earlyMoscow = try Timestamp.parse("2026-01-01T01:00:00+03:00", timeZone: Self.utc)
        #expect(earlyMoscow.calendarDate(in: Self.moscow) == CalendarDate(year: 2026, month: 1, day: 1))
        #expect(earlyMoscow.calendarDate(in: Self.utc) == CalendarDate(year: 2025, month: 12, day: 31))
        #expect(Timestamp(microseconds: -1).calendarDate(in: Self.utc) == CalendarDate(year: 1969, month: 12, day: 31))
    }

    @Test func nowIsCurrent() {
        let seconds = Int64(Date().timeIntervalSince1970)
        #expect(abs(Timestamp.now().microseconds / 1_000_000 - seconds) <= 2)
    }

    @Test(arguments: [("2026-10-01", 2026, 10, 1), ("2024-02-29", 2024, 2, 29), (" 2026-12-31 ", 2026, 12, 31)])
    func parsesCalendarDates(_ text: String, _ year: Int, _ month: Int, _ day: Int) throws {
        #expect(try CalendarDate(parsing: text) == CalendarDate(year: year, month: month, day: day))
    }

    @Test(arguments: [
        "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-1-5", "01.10.2026", "",
        "2026-10-01T00:00:00Z",
    ])
    func rejectsCalendarDates(_ text: String) {
        #expect(throws: ValidationError.invalidDate(text)) { try CalendarDate(parsing: text) }
    }

    @Test func civilArithmeticMatchesKnownDays() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
        for days in stride(from: -800_000, through: 3_000_000, by: 997) {
            let date = CivilCalendar.date(days: days)
            #expect(CivilCalendar.days(year: date.year, month: date.month, day: date.day) == days)
        }
    }
}
