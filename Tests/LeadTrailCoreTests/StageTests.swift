import Testing

@testable import LeadTrailCore

struct StageTests {
    @Test(arguments: [
        (Stage.new, Stage.contacted, true),
        (.new, .qualified, true),
        (.new, .won, true),
        (.contacted, .opportunity, true),
        (.opportunity, .junk, true),
        (.qualified, .lost, true),
        (.won, .new, false),
        (.lost, .won, false),
        (.junk, .contacted, false),
        (.new, .new, false),
        (.opportunity, .opportunity, false),
        (.qualified, .contacted, false),
        (.opportunity, .new, false),
    ])
    func transitions(_ from: Stage, _ to: Stage, _ allowed: Bool) {
        #expect(from.canMove(to: to) == allowed)
    }

    @Test func finalStages() {
        #expect(Stage.allCases.filter(\.isFinal) == [.won, .lost, .junk])
    }

    @Test func parsesNamesIgnoringCaseAndSpaces() throws {
        #expect(try Stage(parsing: " Qualified ") == .qualified)
        #expect(try Stage(parsing: "WON") == .won)
        #expect(throws: ValidationError.unknownStage("closed")) { try Stage(parsing: "closed") }
    }
}
