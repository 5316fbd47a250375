public import LeadTrailCore

extension ReportOptions {
    /// The period a report covers when `--from`/`--to` (or the API's `from`/`to`) are left out: neither, the
    /// current month; `from` alone, from it through today; `to` alone, the calendar month that contains it. Shared
    /// by the CLI and `leadtrail serve`'s report API.
    public static func period(from: CalendarDate?, to: CalendarDate?, today: CalendarDate) -> (
        from: CalendarDate, to: CalendarDate
    ) {
        switch (from, to) {
        case (let start?, let end?): return (start, end)
        case (let start?, nil): return (start, today)
        case (nil, let end?): return (CalendarDate(year: end.year, month: end.month, day: 1), end)
        case (nil, nil): return (CalendarDate(year: today.year, month: today.month, day: 1), monthEnd(of: today))
        }
    }

    /// The last day of a date's month.
    static func monthEnd(of date: CalendarDate) -> CalendarDate {
        CalendarDate(
            dayNumber: CalendarDate(
                year: date.month == 12 ? date.year + 1 : date.year, month: date.month % 12 + 1, day: 1
            ).dayNumber - 1)
    }
}
