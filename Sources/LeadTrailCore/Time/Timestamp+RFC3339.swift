public import Foundation

extension Timestamp {
    /// Parses RFC 3339 (`2026-10-01T12:30:00Z`, `…+03:00`, fractional seconds kept to the microsecond; a space
    /// instead of `T` is accepted). A time without an offset is read in `timeZone`. A hand parser: Foundation's
    /// ISO8601DateFormatter reads only ~10k dates/s on Linux.
    public static func parse(_ text: String, timeZone: TimeZone) throws(ValidationError) -> Timestamp {
        fatalError("TODO")
    }

    /// RFC 3339 in UTC with a `Z`: `2026-10-01T09:30:00Z`; fractional seconds only when non-zero.
    public var rfc3339: String { fatalError("TODO") }

    /// The current time.
    public static func now() -> Timestamp { fatalError("TODO") }

    /// The calendar day this instant falls on in `timeZone`.
    public func calendarDate(in timeZone: TimeZone) -> CalendarDate { fatalError("TODO") }
}
