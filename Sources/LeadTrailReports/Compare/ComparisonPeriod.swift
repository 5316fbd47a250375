public import LeadTrailCore

/// What `--compare` sets a report's period against.
public enum ComparisonPeriod: String, CaseIterable, Sendable {
    /// The period just before: the same number of whole months when the period is whole months (October against
    /// September, a quarter against the quarter before), else the same number of days ending the day before.
    case previous
    /// The same dates a year earlier; 29 February becomes the 28th.
    case yearAgo = "year-ago"

    /// The first and last day of the period to compare `from … to` with, both inclusive.
    public func period(from: CalendarDate, to: CalendarDate) -> (from: CalendarDate, to: CalendarDate) {
        switch self {
        case .previous:
            if from.day == 1, Self.isLastDayOfMonth(to) {
                let months = (to.year - from.year) * 12 + to.month - from.month + 1
                let start = Self.firstDay(monthsAfter: from, by: -months)
                return (start, CalendarDate(dayNumber: from.dayNumber - 1))
            }
            let length = to.dayNumber - from.dayNumber + 1
            return (CalendarDate(dayNumber: from.dayNumber - length), CalendarDate(dayNumber: from.dayNumber - 1))
        case .yearAgo:
            return (Self.yearBefore(from), Self.yearBefore(to))
        }
    }

    static func isLastDayOfMonth(_ date: CalendarDate) -> Bool {
        CalendarDate(dayNumber: date.dayNumber + 1).day == 1
    }

    /// The first day of the month `months` months after `date`'s month (negative: before).
    static func firstDay(monthsAfter date: CalendarDate, by months: Int) -> CalendarDate {
        let index = date.year * 12 + (date.month - 1) + months
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        return CalendarDate(year: year, month: index - year * 12 + 1, day: 1)
    }

    static func yearBefore(_ date: CalendarDate) -> CalendarDate {
        let year = date.year - 1
        // The last day of the same month a year earlier when the day does not exist there (29 February).
        let nextMonth = firstDay(monthsAfter: CalendarDate(year: year, month: date.month, day: 1), by: 1)
        let lastDay = CalendarDate(dayNumber: nextMonth.dayNumber - 1).day
        return CalendarDate(year: year, month: date.month, day: min(date.day, lastDay))
    }
}
