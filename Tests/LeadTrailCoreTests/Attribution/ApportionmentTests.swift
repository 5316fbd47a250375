import Testing

@testable import LeadTrailCore

struct ApportionmentTests {
    /// 100.00 split three ways: every third is 3333.33… kopecks with the same fraction, so the one missing kopeck
    /// goes to the lowest index.
    @Test func thirdsOfAHundred() {
        let third = 10_000.0 / 3
        #expect(Apportionment.rounded([third, third, third], toTotal: 10_000) == [3334, 3333, 3333])
    }

    @Test func missingUnitGoesToTheLargestFraction() {
        #expect(Apportionment.rounded([3333.33, 3333.33, 3333.34], toTotal: 10_000) == [3333, 3333, 3334])
        #expect(Apportionment.rounded([0.6, 0.9, 1.5], toTotal: 3) == [1, 1, 1])
        #expect(Apportionment.rounded([0.6, 0.9, 1.5], toTotal: 2) == [0, 1, 1])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var values: [Double]
        var total: Int64
        var expected: [Int64]
        var why: String
        var testDescription: String { why }
    }

    @Test(arguments: [
        // Floors −4, −2, 4 sum to −2; fractions .8, .5, .7: the two missing units go to .8 and .7.
        Case(values: [-3.2, -1.5, 4.7], total: 0, expected: [-3, -2, 5], why: "refunds floor downwards"),
        // Floors −11, −21 sum to −32; fractions .5 and .5 tie, so the lower index gets the unit.
        Case(values: [-10.5, -20.5], total: -31, expected: [-10, -21], why: "all negative, tie to the lower index"),
        // Floors sum to 7; fractions .4 and .3 come before the whole values 5, 2 and 0.
        Case(values: [5, 0.4, 2, 0.3, 0], total: 8, expected: [5, 1, 2, 0, 0], why: "one unit: largest fraction"),
        Case(values: [5, 0.4, 2, 0.3, 0], total: 9, expected: [5, 1, 2, 1, 0], why: "two units: both fractions"),
        Case(values: [5, 0.4, 2, 0.3, 0], total: 10, expected: [6, 1, 2, 1, 0], why: "then whole values, by index"),
        // Floors 1 and 2 already exceed the total: a unit leaves the smallest fraction (a tie: the later index).
        Case(values: [1.5, 2.5], total: 2, expected: [1, 1], why: "a negative difference takes units back"),
        Case(values: [1.25, 2.5], total: 2, expected: [0, 2], why: "smallest fraction loses first"),
        // Five units over two values: two rounds for everyone, the fifth to the larger fraction.
        Case(values: [0.25, 0.5], total: 5, expected: [2, 3], why: "more units than values keeps cycling"),
        Case(values: [0.25, 0.5], total: -3, expected: [-2, -1], why: "and so does a large negative difference"),
        Case(values: [7, -7], total: 0, expected: [7, -7], why: "whole values stay put"),
        Case(values: [], total: 0, expected: [], why: "nothing to apportion"),
    ])
    func apportions(_ example: Case) {
        let results = Apportionment.rounded(example.values, toTotal: example.total)
        #expect(results == example.expected)
        #expect(results.reduce(0, +) == example.total)
    }

    /// Whatever the values, the results add up to the total, each is the floor or the ceiling of its value, and no
    /// value got a unit that a value with a larger fraction went without.
    @Test(arguments: 1...20)
    func randomValuesAddUpExactly(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 0xA5A5_0F0F)
        for _ in 0..<50 {
            let count = Int.random(in: 1...40, using: &random)
            let values = (0..<count).map { _ -> Double in
                switch Int.random(in: 0..<4, using: &random) {
                case 0: Double(Int.random(in: -1000...1000, using: &random))
                case 1: Double.random(in: -1e6...0, using: &random)
                default: Double.random(in: 0...1e9, using: &random)
                }
            }
            let total = Int64(values.reduce(0, +).rounded())
            let results = Apportionment.rounded(values, toTotal: total)
            #expect(results.reduce(0, +) == total)
            for (value, result) in zip(values, results) {
                #expect(Double(result) == value.rounded(.down) || Double(result) == value.rounded(.up), "\(value)")
            }
            let fraction = values.map { $0 - $0.rounded(.down) }
            let raised = results.indices.filter { Double(results[$0]) > values[$0].rounded(.down) }
            let kept = results.indices.filter { Double(results[$0]) == values[$0].rounded(.down) }
            if let smallestRaised = raised.map({ fraction[$0] }).min(),
                let largestKept = kept.map({ fraction[$0] }).max()
            {
                #expect(smallestRaised >= largestKept)
            }
        }
    }
}
