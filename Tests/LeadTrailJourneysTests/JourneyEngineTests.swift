import Foundation
import LeadTrailCore
import Testing

@testable import LeadTrailJourneys

/// The journey engine's rules, without a store: what every store's reports rely on.
@Suite struct SessionRuleTests {
    struct T {
        var at: Int64
        var form: Bool
        var utm: String
    }

    static let minute: Int64 = 60_000_000

    func kept(_ touches: [T]) -> [Int] {
        SessionRule.kept(touches, at: \.at, isForm: \.form) { touches[$0].utm == touches[$1].utm }
    }

    @Test func aFormTouchRepeatingTheSessionIsDropped() {
        let touches = [T(at: 0, form: false, utm: "vk"), T(at: 30 * Self.minute, form: true, utm: "vk")]
        #expect(kept(touches) == [0], "30 minutes is inside the window (inclusive)")
        let later = [T(at: 0, form: false, utm: "vk"), T(at: 30 * Self.minute + 1, form: true, utm: "vk")]
        #expect(kept(later) == [0, 1], "a microsecond past it is a new session")
        let other = [T(at: 0, form: false, utm: "vk"), T(at: Self.minute, form: true, utm: "ya")]
        #expect(kept(other) == [0, 1], "other UTM values")
    }

    @Test func aDroppedFormTouchCannotDropALaterOne() {
        // The second form repeats the first, which is dropped: it is compared with kept touches only.
        let touches = [
            T(at: 0, form: false, utm: "vk"), T(at: 20 * Self.minute, form: true, utm: "vk"),
            T(at: 45 * Self.minute, form: true, utm: "vk"),
        ]
        #expect(kept(touches) == [0, 2])
    }

    @Test func atOneInstantAClickCountsAsBeforeAForm() {
        let touches = [T(at: 5, form: true, utm: "vk"), T(at: 5, form: false, utm: "vk")]
        #expect(kept(touches) == [1])
    }

    @Test func touchesWithoutAFormAreAllKept() {
        let touches = (0..<5).map { T(at: Int64($0), form: false, utm: "x") }
        #expect(kept(touches) == [0, 1, 2, 3, 4])
    }
}

@Suite struct TouchOrderTests {
    struct T: Equatable {
        var at: Int64
        var id: Int64
        var key: String
    }

    @Test func tiesAreOrderedByRecordKeyAndTheRestByTime() {
        var touches = [
            T(at: 3, id: 1, key: "c"), T(at: 1, id: 2, key: "z"), T(at: 3, id: 3, key: "b"), T(at: 3, id: 4, key: "Я"),
        ]
        var asked: [Int64] = []
        TouchOrder.order(
            &touches, at: \.at, id: \.id,
            recordKey: {
                asked.append($0.id)
                return $0.key
            }, byRecordKey: TouchOrder.binaryOrder)
        #expect(touches.map(\.id) == [2, 3, 1, 4])
        #expect(Set(asked) == [1, 3, 4], "record keys are read only for tied touches")
    }

    @Test func orderedTouchesWithoutTiesAreLeftAloneWithoutReadingKeys() {
        var touches = (0..<4).map { T(at: Int64($0), id: Int64(10 - $0), key: "") }
        var asked = 0
        TouchOrder.order(
            &touches, at: \.at, id: \.id,
            recordKey: {
                asked += 1
                return $0.key
            }, byRecordKey: <)
        #expect(touches.map(\.at) == [0, 1, 2, 3])
        #expect(asked == 0)
    }
}

@Suite struct PersonGraphTests {
    @Test func aLaterLeadInheritsTheEarlierLeadsVisitorsNotTheOtherWay() {
        var graph = PersonGraph()
        graph.addPerson(lead: 1, createdAt: 100, sharedEmail: "a@x.ru", sharedPhone: nil)
        graph.addPerson(lead: 2, createdAt: 200, sharedEmail: "a@x.ru", sharedPhone: "+79161234567")
        graph.addPerson(lead: 3, createdAt: 300, sharedEmail: nil, sharedPhone: "+79161234567")
        graph.setOwnVisitors(["v1"], ofLead: 1)
        graph.setOwnVisitors(["v2"], ofLead: 2)
        graph.setOwnVisitors(["v3"], ofLead: 3)
        #expect(graph.visitors(ofLead: 1) == ["v1"])
        #expect(graph.visitors(ofLead: 2) == ["v1", "v2"])
        #expect(graph.visitors(ofLead: 3) == ["v1", "v2", "v3"], "transitive: by phone to 2, by email to 1")
    }

    @Test func visitorsSharingAClickIDJoin() {
        var graph = PersonGraph()
        graph.linkByClickID("phone-browser", "laptop")
        graph.setOwnVisitors(["laptop"], ofLead: 7)
        #expect(graph.isMerged(7))
        #expect(graph.visitors(ofLead: 7) == ["laptop"], "a link from the laptop is not asked for")
        graph.linkByClickID("laptop", "phone-browser")
        #expect(graph.visitors(ofLead: 7) == ["laptop", "phone-browser"])
    }

    @Test func leadsOfOneInstantAreOrderedById() {
        var graph = PersonGraph()
        graph.addPerson(lead: 5, createdAt: 100, sharedEmail: "b@x.ru", sharedPhone: nil)
        graph.addPerson(lead: 4, createdAt: 100, sharedEmail: "b@x.ru", sharedPhone: nil)
        graph.setOwnVisitors(["a"], ofLead: 4)
        graph.setOwnVisitors(["b"], ofLead: 5)
        #expect(graph.visitors(ofLead: 5) == ["a", "b"])
        #expect(graph.visitors(ofLead: 4) == ["a"])
    }
}

@Suite struct JourneyNeedsTests {
    @Test func leadsOfThePeriodAndOfItsDealsAreNeededWithTheirLookback() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        let scope = ReportScope(
            dimension: .campaign, from: CalendarDate(year: 2026, month: 10, day: 1),
            to: CalendarDate(year: 2026, month: 10, day: 31), timeZone: utc, lookbackDays: 30, needsPeriodTouches: false)
        let october = scope.start.microseconds
        let day: Int64 = 86_400_000_000
        let deal = Deal(
            id: 1, externalID: nil, leadID: 9, amount: Money(minorUnits: 100, currency: .rub), status: .won,
            createdAt: Timestamp(microseconds: october - 10 * day),
            closedAt: Timestamp(microseconds: october + day), refunds: [])
        var needs = JourneyNeeds(scope: scope, deals: [deal])
        let before = needs.needs(lead: 8, createdAt: october - 40 * day)
        let byDeal = needs.needs(lead: 9, createdAt: october - 40 * day)
        let inPeriod = needs.needs(lead: 10, createdAt: october + 2 * day)
        #expect(!before, "created before, no deal in the period")
        #expect(byDeal, "its deal closed in the period")
        #expect(inPeriod)
        #expect(needs.journeyStart == october - 70 * day)
        #expect(needs.readStart == october - 70 * day - SessionRule.window)
    }
}
