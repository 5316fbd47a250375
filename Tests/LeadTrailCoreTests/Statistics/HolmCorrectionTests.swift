import Testing

@testable import LeadTrailCore

/// Holm's step-down adjustment worked by hand: sort ascending, multiply the i-th smallest by m − i + 1, carry the
/// running maximum, cap at 1, put back in the input order.
struct HolmCorrectionTests {
    @Test func fourPValuesByHand() {
        // Sorted: 0.005 ×4 = 0.02, 0.01 ×3 = 0.03, 0.03 ×2 = 0.06, 0.04 ×1 = 0.04 → raised to 0.06 by the running
        // maximum (monotonicity: 0.04 is larger than 0.03, so its adjusted value cannot be smaller).
        let adjusted = HolmCorrection.adjusted([0.01, 0.04, 0.03, 0.005])
        let expected = [0.03, 0.06, 0.06, 0.02]
        #expect(adjusted.count == 4)
        for (actual, wanted) in zip(adjusted, expected) { #expect(abs(actual - wanted) < 1e-15, "\(adjusted)") }
    }

    @Test func cappedAtOne() {
        // 0.4 ×2 = 0.8, then 0.6 ×1 = 0.6 → 0.8; 0.7 ×2 = 1.4 → 1.
        #expect(HolmCorrection.adjusted([0.6, 0.4]) == [0.8, 0.8])
        #expect(HolmCorrection.adjusted([0.7, 0.9]) == [1, 1])
    }

    @Test func oneTestIsUnchangedAndNoTestIsEmpty() {
        #expect(HolmCorrection.adjusted([0.0123]) == [0.0123])
        #expect(HolmCorrection.adjusted([]) == [])
    }

    @Test func tiesAndOrderOfAdjustedValuesFollowTheRawOnes() {
        // Ties 0.02, 0.02 among three: 0.02 ×3 = 0.06, 0.02 ×2 = 0.04 → 0.06, 0.5 ×1 = 0.5.
        #expect(HolmCorrection.adjusted([0.5, 0.02, 0.02]) == [0.5, 0.06, 0.06])
        let raw = [0.2, 0.001, 0.049, 0.03, 0.9, 0.011]
        let adjusted = HolmCorrection.adjusted(raw)
        for i in raw.indices {
            #expect(adjusted[i] >= raw[i])
            for j in raw.indices where raw[i] < raw[j] { #expect(adjusted[i] <= adjusted[j]) }
        }
    }
}
