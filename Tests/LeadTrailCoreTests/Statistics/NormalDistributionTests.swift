import Testing

@testable import LeadTrailCore

/// Φ and Φ⁻¹ against values computed independently with mpmath at 40 significant digits:
/// `python3 -c "import mpmath; mpmath.mp.dps = 40; print(float(mpmath.ncdf(x)))"` for Φ, and
/// `float(mpmath.sqrt(2) * mpmath.erfinv(2 * mpmath.mpf(p) - 1))` for Φ⁻¹ (p being the double the test passes).
struct NormalDistributionTests {
    /// Relative difference, so that tail values of 1e-16 and 1e-89 are held to the same standard as 0.5.
    static func relativeError(_ actual: Double, _ expected: Double) -> Double {
        expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
    }

    @Test(arguments: [
        (0.0, 0.5),
        (1.96, 0.9750021048517795),
        (-1.96, 0.024997895148220435),
        (1.0, 0.8413447460685429),
        (-3.0, 0.0013498980316300946),
        // Far tails: 1 − Φ(8) would round to 0 here, erfc keeps every digit.
        (-8.0, 6.220960574271784e-16),
        (-20.0, 2.7536241186062337e-89),
    ])
    func cumulativeDistribution(x: Double, expected: Double) {
        #expect(Self.relativeError(NormalDistribution.cdf(x), expected) < 1e-12, "Φ(\(x))")
    }

    @Test func survivalIsTheUpperTailWithoutCancellation() {
        // Φ(−8) by symmetry; 1 − cdf(8) would give 6.66e-16 (one ulp of 1).
        #expect(Self.relativeError(NormalDistribution.survival(8), 6.220960574271784e-16) < 1e-12)
        #expect(NormalDistribution.survival(0) == 0.5)
    }

    @Test(arguments: [
        (0.5, 0.0),
        (0.975, 1.9599639845400538),
        (0.995, 2.5758293035489004),
        (0.8, 0.8416212335729144),
        (0.025, -1.9599639845400543),
        (0.01, -2.326347874040841),
        (0.3, -0.5244005127080408),
        // The seam between Acklam's tail and central regions.
        (0.02425, -1.972961051311885),
        (1e-10, -6.361340902404057),
        (0.999999, 4.753424308817087),
    ])
    func inverse(p: Double, expected: Double) {
        let x = NormalDistribution.quantile(p)
        #expect(abs(x - expected) <= 1e-12 * max(1, abs(expected)), "Φ⁻¹(\(p)) = \(x), expected \(expected)")
    }

    /// Acklam alone is good to ~1e-9; the Halley step must take it to double precision, which a round trip shows.
    @Test(arguments: [1e-300, 1e-15, 1e-6, 0.001, 0.02, 0.0243, 0.1, 0.25, 0.4999, 0.6, 0.9, 0.97575, 0.999])
    func roundTrip(p: Double) {
        let x = NormalDistribution.quantile(p)
        #expect(Self.relativeError(NormalDistribution.cdf(x), p) < 1e-13, "Φ(Φ⁻¹(\(p))) = \(NormalDistribution.cdf(x))")
        #expect(
            Self.relativeError(NormalDistribution.acklam(min(p, 0.5)), NormalDistribution.quantile(min(p, 0.5)))
                < 1.2e-9)
    }

    @Test func edgesOfTheDomain() {
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(-0.1).isNaN)
        #expect(NormalDistribution.quantile(1.5).isNaN)
        #expect(NormalDistribution.quantile(.nan).isNaN)
        // Exact binary fractions, so that 1 − p is the mirror exactly.
        #expect(NormalDistribution.quantile(0.75) == -NormalDistribution.quantile(0.25))
    }
}
