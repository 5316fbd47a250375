import Testing

@testable import LeadTrailCore

/// Exact ties in apportionment, and the ranges every parser keeps (docs/reports.md, "Limits").
struct LimitsTests {
    /// The pair: both keep a remainder of 0.3333, so the one spare unit goes to the first row (the key that
    /// comes first), whatever the last bits of their `Double` sums.
    @Test func equalRemaindersTieExactlyToTheFirstRow() {
        let rows: [Int128] = [48_533_333_333, 333_333_333_333]
        #expect(Apportionment.rounded(tenThousandths: rows, toTotal: 38_186_667) == [4_853_334, 33_333_333])
        #expect(Apportionment.rounded(tenThousandths: rows.reversed(), toTotal: 38_186_667) == [33_333_334, 4_853_333])
        // In Double the two fractions differ, which is what used to decide.
        #expect(33333333.3333 - 33333333.0 != 4853333.3333 - 4853333.0)
    }

    @Test func negativeFiguresFloorDownwards() {
        // −3.2, −1.5 and 4.7 in ten-thousandths: floors −4, −2, 4; the two missing units go to .8 and .7.
        #expect(Apportionment.rounded(tenThousandths: [-32_000, -15_000, 47_000], toTotal: 0) == [-3, -2, 5])
        #expect(Apportionment.roundedHalfAwayFromZero(tenThousandths: -25_000) == -3)
        #expect(Apportionment.roundedHalfAwayFromZero(tenThousandths: 25_000) == 3)
        #expect(Apportionment.roundedHalfAwayFromZero(tenThousandths: 24_999) == 2)
    }

    @Test func snappingRefusesWhatCannotPrint() {
        #expect(Apportionment.tenThousandths(of: .infinity) == nil)
        #expect(Apportionment.tenThousandths(of: .nan) == nil)
        #expect(Apportionment.tenThousandths(of: 1e40) == nil)
        #expect(Apportionment.tenThousandths(of: 1.0 / 3, scale: 1_000_000) == 3_333_333_333)
    }

    @Test func amountsHaveAtMostFifteenDigitsOfMinorUnits() throws {
        #expect(try Money.parse("9999999999999.99", currency: .rub).minorUnits == Limits.maxMinorUnits)
        #expect(throws: ValidationError.amountOutOfRange("10000000000000.00")) {
            try Money.parse("10000000000000.00", currency: .rub)
        }
        let long = String(repeating: "9", count: 400)
        #expect(throws: ValidationError.amountOutOfRange(long)) { try Money.parse(long, currency: .rub) }
    }

    @Test func phonesHaveAtMostFifteenDigits() throws {
        #expect(try Phone(parsing: "+44 20 7946 0958 123").e164 == "+442079460958123")
        #expect(throws: ValidationError.phoneTooLong(digits: 16)) { try Phone(parsing: "+44 20 7946 0958 1234") }
    }

    @Test func ratesStayWithinNineOrdersOfMagnitude() throws {
        #expect(try ExchangeRate.parseRate("0.000000001") == 1e-9)
        #expect(throws: ValidationError.rateOutOfRange("0.0000000009")) { try ExchangeRate.parseRate("0.0000000009") }
        #expect(throws: ValidationError.rateOutOfRange("1000000001")) { try ExchangeRate.parseRate("1000000001") }
    }

    @Test func goalTargetsKeepTheirRanges() throws {
        #expect(try GoalTarget.parse("100%", for: .ctr, currency: .rub) == .decimal("1"))
        #expect(throws: GoalError.rateAboveOne("100.5%", metric: .ctr)) {
            try GoalTarget.parse("100.5%", for: .ctr, currency: .rub)
        }
        #expect(throws: GoalError.fractionalCount("10.5", metric: .leads)) {
            try GoalTarget.parse("10.5", for: .leads, currency: .rub)
        }
        #expect(try GoalTarget.parse("10.000", for: .leads, currency: .rub) == .decimal("10"))
        #expect(throws: GoalError.targetOutOfRange("1000000000000000", metric: .clicks)) {
            try GoalTarget.parse("1000000000000000", for: .clicks, currency: .rub)
        }
        #expect(throws: GoalError.targetOutOfRange("10000000000000.00", metric: .revenue)) {
            try GoalTarget.parse("10000000000000.00", for: .revenue, currency: .rub)
        }
    }

    @Test func impossibleDealsAndStageChanges() throws {
        let created = Timestamp(microseconds: 1_000_000)
        let earlier = Timestamp(microseconds: 999_999)
        #expect(throws: RecordRuleError.closedBeforeCreated(closedAt: earlier, createdAt: created)) {
            try Deal.checkClose(status: .won, closedAt: earlier, createdAt: created)
        }
        #expect(throws: RecordRuleError.openWithCloseTime) {
            try Deal.checkClose(status: .open, closedAt: created, createdAt: created)
        }
        try Deal.checkClose(status: .lost, closedAt: created, createdAt: created)
        let amount = Money(minorUnits: 1000, currency: .rub)
        try Deal.checkRefund(Money(minorUnits: 400, currency: .rub), earlier: 600, of: amount)
        #expect(throws: RecordRuleError.self) {
            try Deal.checkRefund(Money(minorUnits: 401, currency: .rub), earlier: 600, of: amount)
        }
        #expect(throws: RecordRuleError.self) {
            try Deal.checkRefund(Money(minorUnits: .max, currency: .rub), earlier: 600, of: amount)
        }
        let lead = Lead(id: 7, createdAt: created)
        #expect(throws: RecordRuleError.stageBeforeLead(lead: 7, at: earlier, createdAt: created)) {
            try lead.checkStageChange(at: earlier)
        }
    }
}
