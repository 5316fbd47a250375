import LeadTrailCore
import Testing

/// `--target` parsing: exact money in minor units, exact decimal text for ratios and counts, percentages for rates.
@Suite struct GoalTargetTests {
    static let jpy = try! Currency(code: "JPY")

    @Test(arguments: [
        ("450", GoalMetric.cpl, GoalTarget.money(Money(minorUnits: 45_000, currency: .rub))),
        ("450.5", .cpl, .money(Money(minorUnits: 45_050, currency: .rub))),
        (" 1500000.00 ", .revenue, .money(Money(minorUnits: 150_000_000, currency: .rub))),
        ("0.05", .ctr, .decimal("0.05")),
        ("5%", .ctr, .decimal("0.05")),
        ("5.25%", .leadRate, .decimal("0.0525")),
        ("150%", .romi, .decimal("1.5")),
        ("-20%", .romi, .decimal("-0.2")),
        ("2.50", .roas, .decimal("2.5")),
        ("007", .leads, .decimal("7")),
        ("12.0", .won, .decimal("12")),
        ("0.000001", .er, .decimal("0.000001")),
        ("0.0001%", .er, .decimal("0.000001")),
        ("0", .leads, .decimal("0")),
        ("12000,50", .revenue, .money(Money(minorUnits: 1_200_050, currency: .rub))),
        ("12 000,5", .spend, .money(Money(minorUnits: 1_200_050, currency: .rub))),
        // Ratios and counts are typed as amounts are: a decimal comma, spaces between groups.
        ("0,05", .ctr, .decimal("0.05")),
        ("2,5%", .leadRate, .decimal("0.025")),
        ("0,125", .winRate, .decimal("0.125")),
        ("1 500", .leads, .decimal("1500")),
        ("-12,5%", .romi, .decimal("-0.125")),
    ])
    func parses(text: String, metric: GoalMetric, expected: GoalTarget) throws {
        #expect(try GoalTarget.parse(text, for: metric, currency: .rub) == expected)
    }

    @Test func moneyTakesTheGivenCurrencysMinorUnit() throws {
        #expect(
            try GoalTarget.parse("450", for: .cpl, currency: Self.jpy)
                == .money(Money(minorUnits: 450, currency: Self.jpy)))
        #expect(throws: GoalError.tooManyDecimals("450.5", currency: "JPY", digits: 0)) {
            try GoalTarget.parse("450.5", for: .cpl, currency: Self.jpy)
        }
    }

    @Test(arguments: [
        ("450.123", GoalMetric.cpl, GoalError.tooManyDecimals("450.123", currency: "RUB", digits: 2)),
        ("abc", .cpl, .invalidTarget("abc", metric: .cpl)),
        ("1e3", .leads, .invalidTarget("1e3", metric: .leads)),
        ("", .ctr, .invalidTarget("", metric: .ctr)),
        ("5%%", .ctr, .invalidTarget("5%%", metric: .ctr)),
        ("-450", .cpl, .negativeTarget("-450", metric: .cpl)),
        ("-1", .leads, .negativeTarget("-1", metric: .leads)),
        ("5%", .cpl, .percentNotAllowed("5%", metric: .cpl)),
        ("5%", .leads, .percentNotAllowed("5%", metric: .leads)),
        ("0.0000001", .ctr, .tooPrecise("0.0000001", digits: 6)),
        ("0.00001%", .ctr, .tooPrecise("0.00001%", digits: 6)),
        ("12,500", .spend, .ambiguousTarget("12,500", metric: .spend)),
        ("1,500", .leads, .ambiguousTarget("1,500", metric: .leads)),
        ("2,500", .roas, .ambiguousTarget("2,500", metric: .roas)),
        ("12,5", .leads, .fractionalCount("12,5", metric: .leads)),
        ("1,5,5", .ctr, .invalidTarget("1,5,5", metric: .ctr)),
    ])
    func refuses(text: String, metric: GoalMetric, error: GoalError) {
        #expect(throws: error) { try GoalTarget.parse(text, for: metric, currency: .rub) }
        #expect(error.description.hasPrefix("--target: "))
    }

    /// A count's hint offers only the thousands reading: `1.5` would be refused next as a fraction.
    @Test func anAmbiguousCountSuggestsOnlyTheWholeNumber() {
        let count = GoalError.ambiguousTarget("1,500", metric: .leads).description
        #expect(count.contains("(1500)"))
        #expect(!count.contains("1.500"))
        let money = GoalError.ambiguousTarget("12,500", metric: .spend).description
        #expect(money.contains("write 12.5 or 12500"))
    }

    @Test func valueAndText() throws {
        let money = try GoalTarget.parse("450", for: .cpl, currency: .rub)
        #expect(money.value == 45_000)
        #expect(money.text == "450.00 RUB")
        #expect(money.numberText == "450.00")
        #expect(money.currency == .rub)
        let rate = try GoalTarget.parse("5%", for: .ctr, currency: .rub)
        #expect(rate.value == 0.05)
        #expect(rate.text == "0.05")
        #expect(rate.currency == nil)
    }
}
