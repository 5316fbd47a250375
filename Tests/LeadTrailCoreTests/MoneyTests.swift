import Testing

@testable import LeadTrailCore

struct MoneyTests {
    static let jpy = try! Currency(code: "JPY")
    static let kwd = try! Currency(code: "kwd ")

    @Test(arguments: [
        ("12500.00", 1_250_000 as Int64),
        ("12500", 1_250_000),
        ("12500.5", 1_250_050),
        ("0.01", 1),
        ("12.340", 1234),
        ("+7", 700),
        (" 007.10 ", 710),
        ("-0", 0),
    ])
    func parsesPlainDecimals(_ text: String, _ minorUnits: Int64) throws {
        #expect(try Money.parse(text, currency: .rub) == Money(minorUnits: minorUnits, currency: .rub))
    }

    @Test(arguments: [
        ("12 500,50", 1_250_050 as Int64),
        ("1\u{00A0}234,50", 123_450),
        ("1\u{202F}234\u{202F}567,5", 123_456_750),
        ("1234,5", 123_450),
        ("12500.00", 1_250_000),
        ("999", 99900),
    ])
    func parsesRussianLocaleForms(_ text: String, _ minorUnits: Int64) throws {
        let money = try Money.parse(text, currency: .rub, allowsLocaleForms: true)
        #expect(money.minorUnits == minorUnits)
    }

    @Test(arguments: ["12 500,50", "1\u{00A0}234,50", "1234,5"])
    func localeFormsNeedTheFlag(_ text: String) {
        #expect(throws: ValidationError.invalidAmount(text)) { try Money.parse(text, currency: .rub) }
    }

    /// What a person types on the command line: a decimal comma before one or two digits, spaces between groups.
    @Test(arguments: [
        ("12500,50", 1_250_050 as Int64),
        ("100,5", 10050),
        ("12 500,50", 1_250_050),
        ("12500.50", 1_250_050),
        ("0,99", 99),
        ("12 500", 1_250_000),
        ("0,500", 50),
    ])
    func parsesTypedAmounts(_ text: String, _ minorUnits: Int64) throws {
        #expect(try Money.parse(typed: text, currency: .rub).minorUnits == minorUnits)
    }

    /// A comma before exactly three digits is 12.5 or 12500: refused, whatever the currency's minor unit.
    @Test(arguments: ["12,500", "1,000", "-5,250", " 12,500 "])
    func refusesATypedCommaBeforeThreeDigits(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        #expect(throws: ValidationError.ambiguousAmount(trimmed)) {
            try Money.parse(typed: text, currency: .rub, allowsNegative: true)
        }
        #expect(throws: ValidationError.ambiguousAmount(trimmed)) { try Money.parse(typed: text, currency: Self.kwd) }
        #expect(
            ValidationError.ambiguousAmount("12,500").description
                == "amount '12,500' reads two ways (a decimal comma, or thousands): write 12.5 or 12500")
    }

    /// `12.500` RUB is 12.50 only to someone who never writes a point between thousands: refused as reading two
    /// ways, and the hint's decimal reading (`12.5`) is one the parser then takes. Three decimals of a currency
    /// that has three (KWD) stay decimals; `0.500` and `12.50` are decimals.
    @Test func refusesATypedPointBeforeThreeDigitsWhereItCannotBeDecimals() throws {
        #expect(throws: ValidationError.ambiguousAmount("12.500")) { try Money.parse(typed: "12.500", currency: .rub) }
        #expect(throws: ValidationError.ambiguousAmount("-1.000")) {
            try Money.parse(typed: "-1.000", currency: .rub, allowsNegative: true)
        }
        #expect(
            ValidationError.ambiguousAmount("12.500").description
                == "amount '12.500' reads two ways (a decimal point, or thousands): write 12.5 or 12500")
        #expect(try Money.parse(typed: "12.5", currency: .rub).minorUnits == 1250)
        #expect(try Money.parse(typed: "12.500", currency: Self.kwd).minorUnits == 12500)
        #expect(try Money.parse(typed: "0.500", currency: .rub).minorUnits == 50)
        #expect(try Money.parse(typed: "12.50", currency: .rub).minorUnits == 1250)
        #expect(try Money.parse(typed: "1 200.500", currency: .rub).minorUnits == 120_050)
    }

    @Test func typedAmountsKeepTheOtherRules() {
        #expect(throws: ValidationError.tooManyDecimals("12,5055", currency: "RUB", digits: 2)) {
            try Money.parse(typed: "12,5055", currency: .rub)
        }
        #expect(throws: ValidationError.tooManyDecimals("1500,5", currency: "JPY", digits: 0)) {
            try Money.parse(typed: "1500,5", currency: Self.jpy)
        }
        for text in ["1.234,50", "1,234,567", "12,5.0"] {
            #expect(throws: ValidationError.invalidAmount(text)) { try Money.parse(typed: text, currency: .rub) }
        }
        #expect(throws: ValidationError.negativeAmount("-100,50")) { try Money.parse(typed: "-100,50", currency: .rub) }
    }

    @Test(arguments: [
        "abc", "", "  ", "1e5", "1.2.3", "12,5.0", ".5", "5.", "--5", "1 2345,00", "12 50", "1  000",
        "1,000.50", "NaN", "inf", "0x10",
    ])
    func rejectsGarbage(_ text: String) {
        #expect(throws: ValidationError.invalidAmount(text)) {
            try Money.parse(text, currency: .rub, allowsLocaleForms: true)
        }
    }

    /// Amounts keep to 15 digits of minor units (docs/reports.md, "Limits"), well inside `Int64`, so that every sum
    /// a report makes stays exact; beyond, and past `Int64` itself, the amount is out of range.
    @Test(arguments: ["10000000000000.00", "92233720368547758.07", "92233720368547758.08", "99999999999999999999"])
    func rejectsAmountsBeyondFifteenDigits(_ text: String) throws {
        #expect(throws: ValidationError.amountOutOfRange(text)) { try Money.parse(text, currency: .rub) }
    }

    @Test func acceptsFifteenDigits() throws {
        #expect(try Money.parse("9999999999999.99", currency: .rub).minorUnits == 999_999_999_999_999)
        let refund = try Money.parse("-9999999999999.99", currency: .rub, allowsNegative: true)
        #expect(refund.minorUnits == -999_999_999_999_999)
    }

    @Test func tooManyDecimals() {
        #expect(throws: ValidationError.tooManyDecimals("12.345", currency: "RUB", digits: 2)) {
            try Money.parse("12.345", currency: .rub)
        }
        #expect(throws: ValidationError.tooManyDecimals("100.5", currency: "JPY", digits: 0)) {
            try Money.parse("100.5", currency: Self.jpy)
        }
        #expect(throws: ValidationError.tooManyDecimals("1,0001", currency: "KWD", digits: 3)) {
            try Money.parse("1,0001", currency: Self.kwd, allowsLocaleForms: true)
        }
    }

    @Test func negativeNeedsPermission() throws {
        #expect(throws: ValidationError.negativeAmount("-5")) { try Money.parse("-5", currency: .rub) }
        #expect(try Money.parse("-5", currency: .rub, allowsNegative: true).minorUnits == -500)
        #expect(try Money.parse("-3.5", currency: .usd, allowsNegative: true).minorUnits == -350)
    }

    @Test func honoursMinorDigits() throws {
        #expect(try Money.parse("100", currency: Self.jpy).minorUnits == 100)
        #expect(try Money.parse("100.0", currency: Self.jpy).minorUnits == 100)
        #expect(try Money.parse("1.234", currency: Self.kwd).minorUnits == 1234)
        #expect(try Money.parse("1.5", currency: Self.kwd).minorUnits == 1500)
    }

    @Test(arguments: [
        (Money(minorUnits: 1_250_000, currency: .rub), "12500.00"),
        (Money(minorUnits: -350, currency: .rub), "-3.50"),
        (Money(minorUnits: 5, currency: .rub), "0.05"),
        (Money(minorUnits: -5, currency: .usd), "-0.05"),
        (Money(minorUnits: 100, currency: jpy), "100"),
        (Money(minorUnits: 1234, currency: kwd), "1.234"),
        (Money(minorUnits: .min, currency: .rub), "-92233720368547758.08"),
    ])
    func formatsAmountText(_ money: Money, _ text: String) throws {
        #expect(money.amountText == text)
        if money.minorUnits != .min {
            #expect(try Money.parse(text, currency: money.currency, allowsNegative: true) == money)
        }
    }

    @Test func convertsHonouringMinorDigits() {
        #expect(Money(minorUnits: 10_000, currency: .usd).converted(to: .rub, rate: 92.5) == 925_000)
        #expect(Money(minorUnits: 100, currency: Self.jpy).converted(to: .rub, rate: 0.6) == 6000)
        #expect(Money(minorUnits: 6000, currency: .rub).converted(to: Self.jpy, rate: 1 / 0.6) == 100)
        #expect(Money(minorUnits: 1000, currency: Self.kwd).converted(to: .usd, rate: 3.25) == 325)
    }

    @Test(
        arguments: [
            (2.5, 3 as Int64), (-2.5, -3), (2.4999, 2), (-2.4999, -2), (0.5, 1), (-0.5, -1), (3.0, 3), (1.5, 2),
            (Double.nan, 0), (Double.infinity, 0),
        ] as [(Double, Int64)])
    func roundsHalfAwayFromZero(_ value: Double, _ rounded: Int64) {
        #expect(Money.roundedMinorUnits(value) == rounded)
    }

    @Test(arguments: [("92.5", 92.5), ("0,0108", 0.0108), (" 1 ", 1.0), ("100", 100.0)])
    func parsesRates(_ text: String, _ rate: Double) throws {
        #expect(try ExchangeRate.parseRate(text) == rate)
    }

    @Test(arguments: ["0", "0.000", "-1", "abc", "", "1e3", "1.", ".5", "1.2.3", "inf"])
    func rejectsRates(_ text: String) {
        #expect(throws: ValidationError.invalidRate(text)) { try ExchangeRate.parseRate(text) }
    }

    @Test func currencyTable() throws {
        #expect(try Currency(code: " rub ") == .rub)
        #expect(Self.jpy.minorDigits == 0)
        for code in ["KWD", "BHD", "JOD", "OMR", "TND", "LYD", "IQD"] {
            #expect(try Currency(code: code).minorDigits == 3, "\(code)")
        }
        for code in ["ISK", "KRW", "VND", "UGX", "XAF", "XOF", "CLP", "PYG"] {
            #expect(try Currency(code: code).minorDigits == 0, "\(code)")
        }
        #expect(try Currency(code: "CLF").minorDigits == 4)
        #expect(try Currency(code: "GBP").minorDigits == 2)
        #expect(Currency.iso4217MinorDigits.count > 150)
        #expect(throws: ValidationError.unknownCurrency("XYZ")) { try Currency(code: "XYZ") }
    }
}
