public import Foundation

/// Calendar dates of instants in one time zone, fast enough for millions of touches.
///
/// Foundation's zone lookup costs about a microsecond; offsets only change on whole quarter-hours, so each
/// quarter-hour's offset is looked up once and remembered.
public struct LocalCalendar: Sendable {
    public let timeZone: TimeZone
    private var offsets: [Int64: Int32] = [:]

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The calendar day an instant falls on in the zone.
    public mutating func date(of instant: Timestamp) -> CalendarDate {
        CalendarDate(dayNumber: dayNumber(of: instant))
    }

    /// Days since 1970-01-01 of the instant's local date.
    public mutating func dayNumber(of instant: Timestamp) -> Int {
        let seconds = CivilCalendar.floorDivide(instant.microseconds, by: 1_000_000).quotient
        let bucket = CivilCalendar.floorDivide(seconds, by: 900).quotient
        let offset: Int32
        if let known = offsets[bucket] {
            offset = known
        } else {
            offset = Int32(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(bucket * 900))))
            offsets[bucket] = offset
        }
        return Int(CivilCalendar.floorDivide(seconds + Int64(offset), by: 86_400).quotient)
    }

    /// The instant local midnight starts a date (the first instant of a report period's first day).
    public func startOfDay(_ date: CalendarDate) -> Timestamp {
        // A bare date parses as local midnight, with DST gaps handled by the parser.
        (try? Timestamp.parse(date.description, timeZone: timeZone))
            ?? Timestamp(microseconds: Int64(date.dayNumber) * 86_400_000_000)
    }
}
