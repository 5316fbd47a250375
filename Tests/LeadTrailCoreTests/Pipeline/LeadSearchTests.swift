import Testing

@testable import LeadTrailCore

struct LeadSearchTests {
    static let anna = Lead(
        id: 1, createdAt: Timestamp(microseconds: 0), name: "Анна Ёлкина", email: try? Email(parsing: "Anna@Mail.ru"),
        phone: try? Phone(parsing: "+7 916 123-45-67"), owner: "Иван", externalID: "tilda-8812")

    @Test(arguments: ["8 (916) 123-45-67", "+79161234567", "9161234567", "7 916 123 45 67", "123-45-67", "4567"])
    func aPhoneInAnyWrittenFormFindsTheLead(_ text: String) throws {
        let search = try #require(LeadSearch(text))
        #expect(search.matches(Self.anna), "\(text)")
    }

    @Test(arguments: ["8 (916) 123-45-68", "+79161234560", "9031234567", "765"])
    func anotherNumberDoesNot(_ text: String) throws {
        #expect(LeadSearch(text)?.matches(Self.anna) != true, "\(text)")
    }

    @Test(arguments: ["анна", "АННА", "елкина", "Ёлкина", "anna@mail", "MAIL.RU", "TILDA-88"])
    func namesEmailsAndExternalIDsIgnoringCase(_ text: String) throws {
        #expect(try #require(LeadSearch(text)).matches(Self.anna), "\(text)")
    }

    @Test func emptyTextIsNoSearch() {
        #expect(LeadSearch("  ") == nil)
    }

    @Test func theQueryKeepsOwnerIgnoringCaseAndTheStages() {
        #expect(LeadQuery(owner: "иван ").matches(Self.anna, stage: .new))
        #expect(LeadQuery(owner: "ИВАН").matches(Self.anna, stage: .new))
        #expect(!LeadQuery(owner: "Пётр").matches(Self.anna, stage: .new))
        #expect(LeadQuery(stages: [.won, .lost]).matches(Self.anna, stage: .won))
        #expect(!LeadQuery(stages: [.won, .lost]).matches(Self.anna, stage: .new))
        #expect(!LeadQuery(createdFrom: Timestamp(microseconds: 1)).matches(Self.anna, stage: .new))
        #expect(LeadQuery(createdBefore: Timestamp(microseconds: 1)).matches(Self.anna, stage: .new))
        #expect(LeadQuery(phone: try? Phone(parsing: "89161234567")).matches(Self.anna, stage: .new))
    }
}
