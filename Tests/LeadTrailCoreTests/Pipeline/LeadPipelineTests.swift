import Foundation
import Testing

@testable import LeadTrailCore

/// The derived stage: deals speak unless a later manual move says otherwise; corrections take back what they correct.
struct LeadPipelineTests {
    static let created = Timestamp(microseconds: 1_790_000_000_000_000)
    static func at(_ hours: Int64) -> Timestamp {
        Timestamp(microseconds: created.microseconds + hours * 3_600_000_000)
    }
    static let creation = StageChange(from: nil, to: .new, at: created, by: "import")

    static func move(_ from: Stage, _ to: Stage, _ hours: Int64, correction: Bool = false) -> StageChange {
        StageChange(from: from, to: to, at: at(hours), by: "Олег", kind: correction ? .correction : .move)
    }

    static func deal(_ id: Int64, _ status: DealStatus, created: Int64, closed: Int64? = nil) -> Deal {
        Deal(
            id: id, leadID: 1, amount: Money(minorUnits: 1_000_00, currency: .rub), status: status,
            createdAt: at(created), closedAt: closed.map(at))
    }

    @Test func aWonDealMakesANewLeadWon() {
        let pipeline = LeadPipeline(
            recorded: .new, history: [Self.creation], deals: [Self.deal(1, .won, created: 1, closed: 5)])
        #expect(pipeline.stage == .won)
        #expect(pipeline.furthest == .won)
        #expect(pipeline.wonAt == Self.at(5))
        #expect(pipeline.dealMove == StageChange(from: .new, to: .won, at: Self.at(5), by: "deal 1", kind: .deal))
        #expect(pipeline.shown([Self.creation]).map(\.to) == [.new, .won])
    }

    @Test func allDealsLostMakeItLostAndOneWonOutweighsLostOnes() {
        let lost = [Self.deal(1, .lost, created: 1, closed: 5), Self.deal(2, .lost, created: 2, closed: 9)]
        #expect(LeadPipeline(recorded: .contacted, history: [Self.creation], deals: lost).stage == .lost)
        let mixed = lost + [Self.deal(3, .won, created: 3, closed: 4)]
        #expect(LeadPipeline(recorded: .contacted, history: [Self.creation], deals: mixed).stage == .won)
        let stillOpen = lost + [Self.deal(3, .open, created: 3)]
        #expect(LeadPipeline(recorded: .contacted, history: [Self.creation], deals: stillOpen).stage == .contacted)
    }

    @Test func anOpenDealLeavesTheStageToTheRepsButCountsAsOpportunityReached() {
        let open = [Self.deal(1, .open, created: 3)]
        let pipeline = LeadPipeline(
            recorded: .qualified, history: [Self.creation, Self.move(.new, .qualified, 1)], deals: open)
        #expect(pipeline.stage == .qualified)
        #expect(pipeline.furthest == .opportunity)
    }

    @Test func aLaterManualStageWinsOverTheDeals() {
        let history = [Self.creation, Self.move(.won, .lost, 10, correction: true)]
        let pipeline = LeadPipeline(
            recorded: .lost, history: history, deals: [Self.deal(1, .won, created: 1, closed: 5)])
        #expect(pipeline.stage == .lost)
        #expect(pipeline.wonAt == nil)
        #expect(pipeline.furthest == .opportunity)
        #expect(pipeline.dealMove == nil)
        // A deal won after the correction wins again.
        let again = LeadPipeline(
            recorded: .lost, history: history,
            deals: [Self.deal(1, .won, created: 1, closed: 5), Self.deal(2, .won, created: 11, closed: 12)])
        #expect(again.stage == .won)
        #expect(again.wonAt == Self.at(5))
    }

    @Test func anEarlierManualStageGivesWayToTheDeals() {
        let history = [Self.creation, Self.move(.new, .contacted, 1), Self.move(.contacted, .lost, 2)]
        let pipeline = LeadPipeline(
            recorded: .lost, history: history, deals: [Self.deal(1, .won, created: 1, closed: 5)])
        #expect(pipeline.stage == .won)
        #expect(pipeline.dealMove?.from == .lost)
    }

    @Test func aCorrectionTakesBackWhatItCorrects() {
        let back = [
            Self.creation, Self.move(.new, .contacted, 1), Self.move(.contacted, .qualified, 2),
            Self.move(.qualified, .contacted, 3, correction: true),
        ]
        let pipeline = LeadPipeline(recorded: .contacted, history: back, deals: [])
        #expect(pipeline.stage == .contacted)
        #expect(pipeline.furthest == .contacted)
        #expect(!pipeline.reached(.qualified))
        #expect(pipeline.reached(.contacted))

        let wonByMistake = [
            Self.creation, Self.move(.new, .qualified, 1), Self.move(.qualified, .won, 2),
            Self.move(.won, .lost, 3, correction: true),
        ]
        let lost = LeadPipeline(recorded: .lost, history: wonByMistake, deals: [])
        #expect(lost.furthest == .qualified)
        #expect(!lost.reached(.won))
        #expect(lost.reached(.lost))

        let outOfJunk = [
            Self.creation, Self.move(.new, .contacted, 1), Self.move(.contacted, .junk, 2),
            Self.move(.junk, .contacted, 3, correction: true),
        ]
        let revived = LeadPipeline(recorded: .contacted, history: outOfJunk, deals: [])
        #expect(revived.stage == .contacted)
        #expect(revived.furthest == .contacted)
        #expect(!revived.reached(.junk))
    }

    @Test func wonByHandIsWonAtThatMove() {
        let history = [Self.creation, Self.move(.new, .won, 4)]
        let pipeline = LeadPipeline(recorded: .won, history: history, deals: [])
        #expect(pipeline.stage == .won)
        #expect(pipeline.wonAt == Self.at(4))
        #expect(pipeline.dealMove == nil)
    }

    /// Property: the stage does not depend on the order the deals are given in (the order they were imported in).
    @Test func theStageIgnoresTheOrderOfTheDeals() {
        let cases = ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap { Int($0) } ?? 500
        let seed: UInt64 = 0x5EED_0014
        var random = SplitMix64(seed: seed)
        for index in 0..<cases {
            let statuses: [DealStatus] = [.open, .won, .lost]
            let deals = (0..<(1 + random.below(4))).map { id in
                let status = statuses[random.below(3)]
                let created = Int64(random.below(48))
                return Self.deal(
                    Int64(id + 1), status, created: created,
                    closed: status == .open ? nil : created + Int64(random.below(48)))
            }
            let recorded = Stage.allCases[random.below(Stage.allCases.count)]
            let history =
                [Self.creation] + (recorded == .new ? [] : [Self.move(.new, recorded, Int64(random.below(96)))])
            let expected = LeadPipeline(recorded: recorded, history: history, deals: deals)
            var shuffled = deals
            shuffled.shuffle(using: &random)
            let actual = LeadPipeline(recorded: recorded, history: history, deals: shuffled)
            #expect(
                actual == expected,
                "seed \(seed) case \(index): recorded \(recorded), history \(history), deals \(deals)")
        }
    }
}

struct StageMoveTests {
    @Test(arguments: [
        (Stage.new, Stage.contacted, false, StageMove.forward),
        (.qualified, .contacted, true, .correction),
        (.won, .lost, true, .correction),
        (.junk, .new, true, .correction),
        (.lost, .won, true, .correction),
        (.opportunity, .won, false, .forward),
    ])
    func movesAndCorrections(_ from: Stage, _ to: Stage, _ correcting: Bool, _ kind: StageMove) throws {
        #expect(try StageMove.check(lead: 7, from: from, to: to, correcting: correcting) == kind)
    }

    @Test func aMoveBackWithoutTheFlagNamesTheFlag() {
        #expect(throws: StageMoveError.needsCorrection(lead: 7, from: .qualified, to: .contacted)) {
            try StageMove.check(lead: 7, from: .qualified, to: .contacted, correcting: false)
        }
        let text = StageMoveError.needsCorrection(lead: 7, from: .won, to: .new).description
        #expect(text.contains("lead 7") && text.contains("new cannot follow won") && text.contains("--correct"))
    }

    @Test func aForwardMoveIsNoCorrectionAndNoStageFollowsItself() {
        #expect(throws: StageMoveError.notACorrection(lead: 7, from: .new, to: .contacted)) {
            try StageMove.check(lead: 7, from: .new, to: .contacted, correcting: true)
        }
        #expect(throws: StageMoveError.alreadyThere(lead: 7, stage: .won)) {
            try StageMove.check(lead: 7, from: .won, to: .won, correcting: true)
        }
    }
}

extension SplitMix64 {
    /// A number in 0..<bound.
    fileprivate mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

extension LeadPipelineTests {
    @Test func aRecordedStageWithoutItsMoveStillCounts() {
        let pipeline = LeadPipeline(recorded: .qualified, history: [Self.creation], deals: [])
        #expect(pipeline.stage == .qualified)
        #expect(pipeline.furthest == .qualified)
    }
}
