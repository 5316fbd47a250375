import LeadTrailCore
import Testing

@testable import LeadTrailExport

/// Issue 15, acceptance 1: Meta's `em` and `ph` for contacts as people write them, against digests computed
/// independently (`printf '%s' 'anna@example.com' | sha256sum`), so a change in normalisation or hashing shows here.
@Suite struct ContactHashTests {
    /// Raw email as typed → the digest of its normalised text.
    static let emails: [(raw: String, digest: String)] = [
        (" Anna@Example.COM ", "f7d54c22dda5b1780276601cd005909b70543fc4a6ba72d735b4cb9bbb611f01"),
        ("anna@example.com", "f7d54c22dda5b1780276601cd005909b70543fc4a6ba72d735b4cb9bbb611f01"),
        ("ИВАН@Почта.РФ", "e58064d94f89da254b86fdd53f1fda26f2f2bab4aeb0a759e0fd74dc8425739c"),
        ("\tPetrov.Ivan@YANDEX.ru\n", "6676ad8ed37cb01151a3e670a2fa7a42fe48842a2f366f9dca47e5a9c97ce2c9"),
    ]

    /// Raw phone as typed → the digest of its digits with the country code (79161234567 and so on).
    static let phones: [(raw: String, digest: String)] = [
        ("8 (916) 123-45-67", "1210f4f193f6032e91cd7117a785a1be09550d79076c4717cdae4c0c45691a30"),
        ("+7 916 123 45 67", "1210f4f193f6032e91cd7117a785a1be09550d79076c4717cdae4c0c45691a30"),
        ("9161234567", "1210f4f193f6032e91cd7117a785a1be09550d79076c4717cdae4c0c45691a30"),
        ("7-903-111-22-33", "c87592fe2bdafabae6b8b4743c874ae2405b5cb9cfc79a9079a7084dfd6ed980"),
        ("+49 151 12345678", "8efb96404be52f6109b9db0f687274a81e9e3cc23fabd6f0da5d38baa3d2facd"),
    ]

    @Test(arguments: emails)
    func anEmailHashesAsMetaNormalisesIt(raw: String, digest: String) throws {
        // Through the same parsing an imported or typed email goes through, then Meta's normalisation.
        let email = try Email(parsing: raw)
        #expect(ContactHash.email(email.normalized) == digest)
        #expect(ContactHash.email(raw) == digest, "the raw text normalises the same way")
    }

    @Test(arguments: phones)
    func aPhoneHashesAsDigitsWithItsCountryCode(raw: String, digest: String) throws {
        let phone = try Phone(parsing: raw)
        #expect(ContactHash.normalizedPhone(phone.e164).first != "+")
        #expect(ContactHash.phone(phone.e164) == digest)
    }

    @Test func theHashIsLowerCaseHexOf64Characters() {
        let digest = ContactHash.sha256("")
        #expect(digest == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
