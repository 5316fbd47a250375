import Foundation
import Testing

@testable import LeadTrailCore

/// The qualification a conversion export reports: the one that still stands, never one a correction took back.
struct QualifiedAtTests {
    typealias P = LeadPipelineTests

    @Test func aLeadMovedToQualifiedIsQualifiedFromThatMove() {
        let history = [P.creation, P.move(.new, .contacted, 1), P.move(.contacted, .qualified, 3)]
        #expect(LeadPipeline.qualifiedAt(history: history, deals: []) == P.at(3))
        let skipping = [P.creation, P.move(.new, .opportunity, 2)]
        #expect(LeadPipeline.qualifiedAt(history: skipping, deals: []) == P.at(2))
    }

    @Test func aQualificationTakenBackIsNotReported() {
        let history = [P.creation, P.move(.new, .qualified, 1), P.move(.qualified, .contacted, 2, correction: true)]
        #expect(LeadPipeline.qualifiedAt(history: history, deals: []) == nil)
    }

    @Test func qualifiedAgainAfterACorrectionCountsFromTheLaterMove() {
        let history = [
            P.creation, P.move(.new, .qualified, 1), P.move(.qualified, .contacted, 2, correction: true),
            P.move(.contacted, .qualified, 7),
        ]
        #expect(LeadPipeline.qualifiedAt(history: history, deals: []) == P.at(7))
    }

    @Test func aDealQualifiesTheLeadWhenItIsMade() {
        let history = [P.creation, P.move(.new, .contacted, 1)]
        #expect(LeadPipeline.qualifiedAt(history: history, deals: [P.deal(1, .open, created: 4)]) == P.at(4))
        #expect(LeadPipeline.qualifiedAt(history: history, deals: [P.deal(1, .won, created: 4, closed: 9)]) == P.at(4))
    }

    @Test func aWonMoveCorrectedToLostStillLeavesTheQualificationBeforeIt() {
        let history = [
            P.creation, P.move(.new, .qualified, 1), P.move(.qualified, .won, 3), P.move(.won, .lost, 4, correction: true),
        ]
        #expect(LeadPipeline.qualifiedAt(history: history, deals: []) == P.at(1))
    }

    @Test func junkAndNewLeadsAreNotQualified() {
        #expect(LeadPipeline.qualifiedAt(history: [P.creation], deals: []) == nil)
        #expect(LeadPipeline.qualifiedAt(history: [P.creation, P.move(.new, .junk, 1)], deals: []) == nil)
    }
}
