import Testing

@testable import LeadTrailCore

struct PhoneEmailTests {
    @Test(arguments: [
        ("8 (916) 123-45-67", "+79161234567"),
        ("+7 916 123 45 67", "+79161234567"),
        ("9161234567", "+79161234567"),
        ("7-916-123-45-67", "+79161234567"),
        ("89161234567", "+79161234567"),
        ("+44 20 7946 0958", "+442079460958"),
        ("\u{00A0}+1 (212) 555-0123 ", "+12125550123"),
        ("4951234567", "+74951234567"),
    ])
    func normalizesPhones(_ raw: String, _ e164: String) throws {
        #expect(try Phone(parsing: raw).e164 == e164)
    }

    @Test(arguments: [("12345", 5), ("", 0), ("+7 916 123", 7), ("call me", 0)])
    func rejectsShortPhonesWithDigitCount(_ raw: String, _ digits: Int) {
        #expect(throws: ValidationError.invalidPhone(digits: digits)) { try Phone(parsing: raw) }
    }

    @Test(arguments: [
        ("+44 (0)20 7946 0958", "+442079460958"),
        ("+7 (0) 916 123-45-67", "+79161234567"),
        ("+39 06 1234 5678", "+390612345678"),
    ])
    func dropsATrunkZeroWrittenInParenthesesAndKeepsItalysZero(_ raw: String, _ e164: String) throws {
        #expect(try Phone(parsing: raw).e164 == e164)
    }

    @Test(arguments: [
        ("+7 0916 123 45 67", "7"),
        ("8 (095) 123-45-67", "7"),
        ("+44 020 7946 0958", "44"),
        ("+380 044 123 4567", "380"),
        ("+1 012 555 0123", "1"),
    ])
    func rejectsATrunkZeroAfterTheCountryCode(_ raw: String, _ code: String) {
        #expect(throws: ValidationError.phoneTrunkZero(countryCode: code)) { try Phone(parsing: raw) }
        #expect(!ValidationError.phoneTrunkZero(countryCode: code).description.contains("916"))
    }

    /// Ten digits without a country code are Russian (3xx, 4xx and 8xx landlines, 9xx mobiles) or Kazakh (7xx),
    /// all `+7`; a Moscow landline is no longer read as a German number.
    @Test(arguments: [
        ("495 123-45-67", "+74951234567"),
        ("(812) 123-45-67", "+78121234567"),
        ("(343) 123-45-67", "+73431234567"),
        ("727 123 45 67", "+77271234567"),
        ("8 (495) 123-45-67", "+74951234567"),
    ])
    func readsTenDigitsAsARussianOrKazakhNumber(_ raw: String, _ e164: String) throws {
        #expect(try Phone(parsing: raw).e164 == e164)
    }

    /// An extension ends the number and is dropped, whatever marker writes it; so does a word after the number.
    @Test(arguments: [
        ("8 (916) 123-45-67 доб. 12", "+79161234567"),
        ("8 (916) 123-45-67 Доб 12", "+79161234567"),
        ("8 916 123-45-67 добавочный 345", "+79161234567"),
        ("8 916 123-45-67, доп. 7", "+79161234567"),
        ("8 495 123-45-67 вн. 120", "+74951234567"),
        ("+7 916 123-45-67 ext 5", "+79161234567"),
        ("+7 916 123-45-67 EXT. 5", "+79161234567"),
        ("+1 212 555 0123 x45", "+12125550123"),
        ("+1 212 555 0123 X 45", "+12125550123"),
        ("+1 212 555 0123 #45", "+12125550123"),
        ("tel:+1-212-555-0123;ext=45", "+12125550123"),
        ("8 916 123 45 67 Анна", "+79161234567"),
        ("+7 916 123-45-67 (моб.)", "+79161234567"),
        ("тел. 8 916 123 45 67", "+79161234567"),
    ])
    func dropsAnExtensionAndAWordAfterTheNumber(_ raw: String, _ e164: String) throws {
        #expect(try Phone(parsing: raw).e164 == e164)
    }

    @Test(arguments: ["8 916 123 Анна 45 67", "8-916-ABC-4567", "8 916 123 45 67 или 8 903 111 22 33"])
    func refusesLettersInsideTheNumber(_ raw: String) {
        #expect(throws: ValidationError.phoneLettersInside) { try Phone(parsing: raw) }
    }

    @Test(arguments: [
        ("00 7 916 123 45 67", "+79161234567"),
        ("0044 20 7946 0958", "+442079460958"),
    ])
    func readsTheInternationalPrefixZeroZeroAsAPlus(_ raw: String, _ e164: String) throws {
        #expect(try Phone(parsing: raw).e164 == e164)
    }

    /// Russia's old international prefix `8 10` is a `+` when a country code and its number (10 to 15 digits)
    /// follow; an 11-digit number starting `8 10` stays the Russian rule's, and no Russian code starts with 1.
    @Test(arguments: [
        ("8 10 49 30 1234567", "+49301234567"),
        ("8-10-1-212-555-0100", "+12125550100"),
        ("810 44 20 7946 0958", "+442079460958"),
        ("8 10 375 29 123-45-67", "+375291234567"),
        ("8 (10) 86 10 1234 5678", "+861012345678"),
        ("8 105 123 45 67", "+71051234567"),
        ("8 916 123 45 67", "+79161234567"),
    ])
    func readsRussiasInternationalPrefixEightTenAsAPlus(_ raw: String, _ e164: String) throws {
        #expect(try Phone(parsing: raw).e164 == e164)
    }

    @Test func eightTenKeepsTheOtherRules() {
        #expect(throws: ValidationError.phoneCountryCodeZero) { try Phone(parsing: "8 10 0 44 20 7946 095") }
        #expect(throws: ValidationError.phoneTooLong(digits: 16)) { try Phone(parsing: "8 10 1234567890123456") }
        #expect(throws: ValidationError.phoneTrunkZero(countryCode: "7")) {
            try Phone(parsing: "8 10 7 0916 123 45 67")
        }
    }

    @Test(arguments: ["+0 916 123 45 67", "+07 916 123 45 67", "+ 0 44 20 7946 0958"])
    func refusesAZeroRightAfterThePlus(_ raw: String) {
        #expect(throws: ValidationError.phoneCountryCodeZero) { try Phone(parsing: raw) }
    }

    /// A number whose country cannot be known: a national trunk `0` (`07 916…`, London's `020…`), or 10 digits that
    /// are no Russian or Kazakh number.
    @Test(arguments: [
        ("07 916 123 45 67", 0),
        ("020 7946 0958", 0),
        ("0916 123 45 67", 0),
        ("212 555 0123", 2),
        ("123 456 78 90", 1),
        ("555 123 45 67", 5),
        ("612 345 67 89", 6),
    ])
    func refusesANumberWithoutItsCountry(_ raw: String, _ first: Int) {
        #expect(throws: ValidationError.phoneWithoutCountryCode(firstDigit: first)) { try Phone(parsing: raw) }
    }

    @Test func theNewPhoneErrorsKeepTheNumberOutOfTheText() {
        let errors: [ValidationError] = [
            .phoneCountryCodeZero, .phoneWithoutCountryCode(firstDigit: 0), .phoneWithoutCountryCode(firstDigit: 5),
            .phoneLettersInside,
        ]
        for error in errors {
            #expect(!error.description.contains("916") && !error.description.contains("\n"), "\(error)")
        }
        #expect(ValidationError.phoneCountryCodeZero.description.contains("no country code starts with 0"))
        #expect(ValidationError.phoneWithoutCountryCode(firstDigit: 0).description.contains("+ and the country code"))
        #expect(ValidationError.phoneWithoutCountryCode(firstDigit: 5).description.contains("+ and the country code"))
    }

    @Test func phoneErrorKeepsTheNumberOutOfTheText() {
        #expect(ValidationError.invalidPhone(digits: 5).description == "phone has 5 digits; at least 10 are needed")
    }

    @Test(arguments: [
        ("  Anna@Example.COM ", "anna@example.com"),
        ("ИВАН@Почта.РФ", "иван@почта.рф"),
        ("a@b", "a@b"),
    ])
    func normalizesEmails(_ raw: String, _ normalized: String) throws {
        #expect(try Email(parsing: raw).normalized == normalized)
    }

    @Test(arguments: ["anna.example.com", "", "   ", "@example.com", "anna@", " @ "])
    func rejectsInvalidEmails(_ raw: String) {
        #expect(throws: ValidationError.invalidEmail) { try Email(parsing: raw) }
    }
}
