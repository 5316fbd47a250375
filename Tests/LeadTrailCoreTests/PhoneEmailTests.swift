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
        ("4951234567", "+4951234567"),
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
