extension CalendarDate {
    /// Days since 1970-01-01.
    public var dayNumber: Int { CivilCalendar.days(year: year, month: month, day: day) }

    /// The date a count of days after 1970-01-01.
    public init(dayNumber: Int) {
        let date = CivilCalendar.date(days: dayNumber)
        self.init(year: date.year, month: date.month, day: date.day)
    }

    /// The ISO 8601 week: weeks start on Monday, and week 1 is the week holding the year's first Thursday, so
    /// 2026-12-31 can fall in 2026-W53 and 2027-01-01 in 2026-W53 too.
    public var isoWeek: (year: Int, week: Int) {
        let days = dayNumber
        // 1970-01-01 was a Thursday: weekday 0 = Monday.
        let weekday = ((days + 3) % 7 + 7) % 7
        let thursday = CalendarDate(dayNumber: days - weekday + 3)
        let firstOfYear = CivilCalendar.days(year: thursday.year, month: 1, day: 1)
        return (thursday.year, (thursday.dayNumber - firstOfYear) / 7 + 1)
    }
}
