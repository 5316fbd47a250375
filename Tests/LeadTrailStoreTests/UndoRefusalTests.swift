import LeadTrailStore
import Testing

/// `imports undo` refused: one readable line however much work was done by hand on the batch's leads.
struct UndoRefusalTests {
    @Test func aFewDependentsAreAllNamed() {
        let refusal = UndoRefusal(batch: 3, dependents: ["lead 12 stage contacted by ivan", "deal 4 added by hand"])
        let expected = "batch 3 has manual work: lead 12 stage contacted by ivan, deal 4 added by hand; "
            + "undo with --force to remove it"
        #expect(refusal.description == expected)
    }

    /// The demo's forms batch carries 202 moves and owners by hand: the line named them all (four kilobytes).
    @Test func manyDependentsAreCountedAfterTheFirstFew() {
        let dependents = (1...202).map { "lead \($0) stage contacted by Дмитрий" }
        let line = UndoRefusal(batch: 2, dependents: dependents).description
        #expect(line.hasPrefix("batch 2 has manual work: lead 1 stage contacted by Дмитрий, lead 2 stage"))
        let last = UndoRefusal.named
        #expect(line.contains("lead \(last) stage contacted by Дмитрий and \(202 - last) more;"))
        #expect(!line.contains("lead \(UndoRefusal.named + 1) stage"))
        #expect(line.hasSuffix("; undo with --force to remove it"))
        #expect(!line.contains("\n"))
    }
}
