import LeadTrailCore
import Testing

/// SPEC "Duplicates", applied to all of a person's requests at once.
struct DuplicateRuleTests {
    static let rule = DuplicateRule(windowMicroseconds: 30 * 86_400_000_000)
    static let day: Int64 = 86_400_000_000
    /// 2026-09-01T00:00:00Z.
    static let september1: Int64 = 1_788_220_800_000_000

    static func request(_ key: String, day: Int64, email: String? = nil, phone: String? = nil, pin: Int64? = nil)
        -> PersonRequest
    {
        PersonRequest(
            key: key, at: Timestamp(microseconds: september1 + day * Self.day), email: email, phone: phone,
            pinnedLead: pin)
    }

    /// The keys of each judged lead, creating request first.
    static func keys(_ requests: [PersonRequest]) -> [[String]] {
        rule.judge(requests).map { $0.requests.map { requests[$0].key } }
    }

    @Test func oneRequestEveryNineteenOrFifteenDaysGivesTwoLeadsInAnyOrder() {
        let requests = [
            Self.request("09-01", day: 0, phone: "+79161234567"),
            Self.request("09-20", day: 19, phone: "+79161234567"),
            Self.request("10-05", day: 34, phone: "+79161234567"),
        ]
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0], [2, 0, 1]] {
            #expect(Self.keys(order.map { requests[$0] }) == [["09-01", "09-20"], ["10-05"]], "\(order)")
        }
    }

    @Test func theWindowIsInclusiveAndARepeatDoesNotChangeTheLeadsContacts() {
        let requests = [
            Self.request("a", day: 0, phone: "+79161234567"),
            // A repeat by phone that also gives an email: the lead still answers to the phone only.
            Self.request("b", day: 10, email: "anna@example.com", phone: "+79161234567"),
            Self.request("c", day: 12, email: "anna@example.com"),
            Self.request("d", day: 30, phone: "+79161234567"),
        ]
        #expect(Self.keys(requests) == [["a", "b", "d"], ["c"]])
    }

    @Test func theMostRecentlyCreatedMatchingLeadWins() {
        let requests = [
            Self.request("email", day: 0, email: "anna@example.com"),
            Self.request("phone", day: 5, phone: "+79161234567"),
            Self.request("both", day: 6, email: "anna@example.com", phone: "+79161234567"),
        ]
        #expect(Self.keys(requests) == [["email"], ["phone", "both"]])
    }

    @Test func mergedRequestsStayTogetherAndTheirContactsAreTheLeads() {
        let requests = [
            Self.request("a", day: 0, phone: "+79161234567", pin: 7),
            Self.request("b", day: 1, phone: "+79031112233", pin: 7),
            // B's phone, 4 days later: a repeat on the merged lead.
            Self.request("c", day: 5, phone: "+79031112233"),
        ]
        let judged = Self.rule.judge(requests)
        #expect(judged.count == 1)
        #expect(judged.first?.pinnedLead == 7)
        #expect(Self.keys(requests) == [["a", "b", "c"]])
    }

    @Test func requestsInTheSameMicrosecondAreOrderedByKey() {
        let requests = [
            Self.request("z", day: 0, phone: "+79161234567"), Self.request("a", day: 0, phone: "+79161234567"),
        ]
        #expect(Self.keys(requests) == [["a", "z"]])
    }
}
