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

    /// Property: for random touches (ties, clicks and forms of one instant, windows just in and out), handed in a
    /// random order or in time order as stores hand them, the rule keeps exactly what the SPEC's statement of it
    /// keeps: judged in (time, clicks before forms) order, a form dropped when a kept touch of its UTM lies in the 30
    /// minutes before it. `LEADTRAIL_PROPERTY_CASES` sets the count.
    @Test func keepsWhatTheRuleSaysInAnyOrderGiven() {
        let cases = ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap { Int($0) } ?? 400
        var seed: UInt64 = 0x5E55_1011
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let steps: [Int64] = [0, 0, 1, Self.minute, 29 * Self.minute, 30 * Self.minute, 30 * Self.minute + 1]
        for _ in 0..<cases {
            var time: Int64 = 0
            var touches: [T] = []
            for _ in 0..<next(12) {
                time += steps[next(steps.count)]
                touches.append(T(at: time, form: next(2) == 0, utm: ["vk", "ya", "tg"][next(3)]))
            }
            if next(2) == 0 {
                var generator = Self.Generator(source: { UInt64(next(Int.max)) })
                touches.shuffle(using: &generator)
            }
            // The rule as the SPEC states it, in its plainest form.
            let order = touches.indices.sorted {
                (touches[$0].at, touches[$0].form ? 1 : 0, $0) < (touches[$1].at, touches[$1].form ? 1 : 0, $1)
            }
            var expected: [Int] = []
            for index in order {
                let touch = touches[index]
                let repeats = expected.contains {
                    touch.form && touches[$0].at >= touch.at - SessionRule.window && touches[$0].utm == touch.utm
                }
                if !repeats { expected.append(index) }
            }
            #expect(kept(touches) == expected.sorted(), "\(touches)")
        }
    }

    /// The property's shuffles, from its own seeded sequence.
    struct Generator: RandomNumberGenerator {
        var source: () -> UInt64
        mutating func next() -> UInt64 { source() }
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
