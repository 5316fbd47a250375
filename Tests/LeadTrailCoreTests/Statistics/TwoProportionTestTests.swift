import Testing

@testable import LeadTrailCore

/// z and two-sided p against an independent computation in Python with SciPy:
///
///     p = (xa + xb) / (na + nb); se = sqrt(p * (1 - p) * (1/na + 1/nb)); z = (xb/nb - xa/na) / se
///     p_value = 2 * scipy.stats.norm.sf(abs(z))
///
/// (SciPy's `norm.sf` is its own implementation of the normal tail, not the C library's `erfc` the code uses.)
struct TwoProportionTestTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var successesA: Double
        var trialsA: Double
        var successesB: Double
        var trialsB: Double
        var z: Double
        var pValue: Double
        var testDescription: String { "\(successesA)/\(trialsA) vs \(successesB)/\(trialsB)" }
    }

    @Test(arguments: [
        Case(
            successesA: 20, trialsA: 1000, successesB: 40, trialsB: 1000, z: 2.6216125254653817,
            pValue: 0.008751486656558373),
        // B worse than A: z negative, p the same two-sided tail.
        Case(
            successesA: 150, trialsA: 2500, successesB: 120, trialsB: 2400, z: -1.533561819768474,
            pValue: 0.12513748721580653),
        // Fractional credit from a linear model.
        Case(
            successesA: 12.5, trialsA: 300, successesB: 20.25, trialsB: 310, z: 1.2958612431201553,
            pValue: 0.19502329389012396),
        Case(
            successesA: 3, trialsA: 50, successesB: 1, trialsB: 40, z: -0.8006174942461745,
            pValue: 0.4233531198082935),
        Case(
            successesA: 500, trialsA: 10_000, successesB: 620, trialsB: 10_000, z: 3.6905087347884207,
            pValue: 0.0002238060031216083),
    ])
    func zAndPValue(_ c: Case) throws {
        let test = try #require(
            TwoProportionTest(
                successesA: c.successesA, trialsA: c.trialsA, successesB: c.successesB, trialsB: c.trialsB))
        #expect(abs(test.z - c.z) < 1e-12, "z = \(test.z)")
        #expect(abs(test.pValue - c.pValue) / c.pValue < 1e-12, "p = \(test.pValue)")
    }

    @Test func swappingTheGroupsFlipsZAndKeepsP() throws {
        let forward = try #require(TwoProportionTest(successesA: 20, trialsA: 1000, successesB: 40, trialsB: 1000))
        let backward = try #require(TwoProportionTest(successesA: 40, trialsA: 1000, successesB: 20, trialsB: 1000))
        #expect(forward.z == -backward.z)
        #expect(forward.pValue == backward.pValue)
    }

    @Test func equalRatesAtZeroOrOneAreNoEvidence() throws {
        let none = try #require(TwoProportionTest(successesA: 0, trialsA: 100, successesB: 0, trialsB: 250))
        #expect(none.z == 0 && none.pValue == 1)
        let all = try #require(TwoProportionTest(successesA: 10, trialsA: 10, successesB: 7, trialsB: 7))
        #expect(all.z == 0 && all.pValue == 1)
    }

    @Test func meaninglessInputsGiveNoTest() {
        #expect(TwoProportionTest(successesA: 0, trialsA: 0, successesB: 1, trialsB: 10) == nil)
        #expect(TwoProportionTest(successesA: 1, trialsA: 10, successesB: 0, trialsB: 0) == nil)
        // More leads than clicks: leads credited to clicks dated before the period.
        #expect(TwoProportionTest(successesA: 11, trialsA: 10, successesB: 1, trialsB: 10) == nil)
        #expect(TwoProportionTest(successesA: -1, trialsA: 10, successesB: 1, trialsB: 10) == nil)
    }

    /// z = 40 puts p near 1e-350, below the smallest double: it must be 0, never NaN or negative.
    @Test func farTailPValue() throws {
        #expect(TwoProportionTest.twoSidedPValue(z: 0) == 1)
        // 2·Φ(−7) = 2.55962508777167e-12 (mpmath: 2 * ncdf(-7) at 40 digits).
        #expect(abs(TwoProportionTest.twoSidedPValue(z: -7) - 2.55962508777167e-12) / 2.55962508777167e-12 < 1e-12)
        #expect(TwoProportionTest.twoSidedPValue(z: 40) == 0)
    }
}
