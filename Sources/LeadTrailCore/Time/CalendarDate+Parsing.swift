extension CalendarDate {
    /// Parses `YYYY-MM-DD`, rejecting impossible days (2026-02-30).
    ///
    /// Surrounding whitespace is ignored; any other form (`2026-1-5`, `01.10.2026`) is an error rather than a guess.
    public init(parsing text: String) throws(ValidationError) {
        var trimmed = text.trimmingWhitespace()
        let parsed = trimmed.withUTF8 { bytes -> CalendarDate? in
            guard bytes.count == 10 else { return nil }
            var reader = ByteReader(bytes: bytes)
            guard let date = reader.readDate(), reader.isAtEnd else { return nil }
            return date
        }
        guard let parsed else { throw .invalidDate(text) }
        self = parsed
    }

    /// Days since 1970-01-01: the arithmetic behind periods, weeks and time zones.
    var daysSinceEpoch: Int { CivilCalendar.days(year: year, month: month, day: day) }
}
