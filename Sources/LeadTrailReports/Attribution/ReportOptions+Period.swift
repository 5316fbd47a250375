public import LeadTrailCore

extension ReportOptions {
    /// The period a report covers when `--from`/`--to` (or the API's `from`/`to`) are left out: from the first of
    /// `today`'s month, to the end of `from`'s month. Shared by the CLI and `leadtrail serve`'s report API.
    public static func period(from: CalendarDate?, to: CalendarDate?, today: CalendarDate) -> (
        from: CalendarDate, to: CalendarDate
    ) {
        let start = from ?? CalendarDate(year: today.year, month: today.month, day: 1)
        let end =
            to
            ?? CalendarDate(
                dayNumber: CalendarDate(
                    year: start.month == 12 ? start.year + 1 : start.year, month: start.month % 12 + 1, day: 1
                ).dayNumber - 1)
        return (start, end)
    }
}
