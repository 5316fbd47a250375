import LeadTrailCore
import LeadTrailReports
import Testing

/// Issue 5: which period `--compare` sets a report against.
@Suite("Comparison periods")
struct ComparisonPeriodTests {
    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: day)
    }

    @Test func aWholeMonthComparesWithTheWholeMonthBefore() {
        let earlier = ComparisonPeriod.previous.period(from: Self.date(2026, 11, 1), to: Self.date(2026, 11, 30))
        #expect(earlier.from == Self.date(2026, 10, 1) && earlier.to == Self.date(2026, 10, 31))
        // March has 31 days, February 28: still the whole month, not 31 days back.
        let march = ComparisonPeriod.previous.period(from: Self.date(2026, 3, 1), to: Self.date(2026, 3, 31))
        #expect(march.from == Self.date(2026, 2, 1) && march.to == Self.date(2026, 2, 28))
        let january = ComparisonPeriod.previous.period(from: Self.date(2026, 1, 1), to: Self.date(2026, 1, 31))
        #expect(january.from == Self.date(2025, 12, 1) && january.to == Self.date(2025, 12, 31))
    }

    @Test func aQuarterComparesWithTheQuarterBefore() {
        let earlier = ComparisonPeriod.previous.period(from: Self.date(2026, 1, 1), to: Self.date(2026, 3, 31))
        #expect(earlier.from == Self.date(2025, 10, 1) && earlier.to == Self.date(2025, 12, 31))
    }

    @Test func otherPeriodsCompareWithAsManyDaysJustBefore() {
        // A week, Monday to Sunday.
        let week = ComparisonPeriod.previous.period(from: Self.date(2026, 11, 16), to: Self.date(2026, 11, 22))
        #expect(week.from == Self.date(2026, 11, 9) && week.to == Self.date(2026, 11, 15))
        // Ten days across a month's end.
        let span = ComparisonPeriod.previous.period(from: Self.date(2026, 3, 5), to: Self.date(2026, 3, 14))
        #expect(span.from == Self.date(2026, 2, 23) && span.to == Self.date(2026, 3, 4))
        // One day.
        let day = ComparisonPeriod.previous.period(from: Self.date(2026, 1, 1), to: Self.date(2026, 1, 1))
        #expect(day.from == Self.date(2025, 12, 31) && day.to == Self.date(2025, 12, 31))
    }

    @Test func aYearAgoKeepsTheDatesAndMovesTheLeapDay() {
        let november = ComparisonPeriod.yearAgo.period(from: Self.date(2026, 11, 1), to: Self.date(2026, 11, 30))
        #expect(november.from == Self.date(2025, 11, 1) && november.to == Self.date(2025, 11, 30))
        let leap = ComparisonPeriod.yearAgo.period(from: Self.date(2028, 2, 29), to: Self.date(2028, 3, 31))
        #expect(leap.from == Self.date(2027, 2, 28) && leap.to == Self.date(2027, 3, 31))
        let february = ComparisonPeriod.yearAgo.period(from: Self.date(2028, 2, 1), to: Self.date(2028, 2, 29))
        #expect(february.from == Self.date(2027, 2, 1) && february.to == Self.date(2027, 2, 28))
    }
}
