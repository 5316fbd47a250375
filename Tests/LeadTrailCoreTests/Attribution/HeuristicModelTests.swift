import Testing

@testable import LeadTrailCore

struct HeuristicModelTests {
    static let day: Int64 = 86_400_000_000
    static let convertedAt = Timestamp(microseconds: 1_750_000_000_000_000)

    /// A journey whose touches are `daysBefore` the conversion, oldest first; `direct` marks the direct visits.
    static func journey(daysBefore: [Double], direct: Set<Int> = []) -> [JourneyTouch] {
        daysBefore.enumerated().map { index, days in
            JourneyTouch(
                at: Timestamp(microseconds: convertedAt.microseconds - Int64((days * Double(day)).rounded())),
                isDirect: direct.contains(index),
                key: Int32(index)
            )
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var model: AttributionModel
        var daysBefore: [Double]
        var direct: Set<Int> = []
        var halfLifeDays = 7.0
        var expected: [Double]
        var testDescription: String { "\(model.rawValue) over \(daysBefore.count) touches, direct \(direct.sorted())" }
    }

    static let one: [Double] = [3]
    static let two: [Double] = [7, 0]
    static let three: [Double] = [14, 7, 0]
    static let five: [Double] = [28, 21, 14, 7, 0]

    static let cases: [Case] = [
        // One touch: every model gives it everything.
        Case(model: .firstTouch, daysBefore: one, expected: [1]),
        Case(model: .lastTouch, daysBefore: one, expected: [1]),
        Case(model: .lastNonDirect, daysBefore: one, expected: [1]),
        Case(model: .lastNonDirect, daysBefore: one, direct: [0], expected: [1]),
        Case(model: .linear, daysBefore: one, expected: [1]),
        Case(model: .positionBased, daysBefore: one, expected: [1]),
        Case(model: .timeDecay, daysBefore: one, expected: [1]),
        // Two touches, 7 and 0 days old; h = 7 makes the older one weigh 2^-1 = ½ of the newer: ⅓ and ⅔.
        Case(model: .firstTouch, daysBefore: two, expected: [1, 0]),
        Case(model: .lastTouch, daysBefore: two, expected: [0, 1]),
        Case(model: .lastNonDirect, daysBefore: two, expected: [0, 1]),
        Case(model: .lastNonDirect, daysBefore: two, direct: [1], expected: [1, 0]),
        Case(model: .lastNonDirect, daysBefore: two, direct: [0, 1], expected: [0, 1]),
        Case(model: .linear, daysBefore: two, expected: [0.5, 0.5]),
        Case(model: .positionBased, daysBefore: two, expected: [0.5, 0.5]),
        Case(model: .timeDecay, daysBefore: two, expected: [1.0 / 3, 2.0 / 3]),
        // Three touches, 14, 7 and 0 days old: 2^-2 : 2^-1 : 1 = 1 : 2 : 4, so 1/7, 2/7, 4/7.
        Case(model: .firstTouch, daysBefore: three, expected: [1, 0, 0]),
        Case(model: .lastTouch, daysBefore: three, expected: [0, 0, 1]),
        Case(model: .lastNonDirect, daysBefore: three, expected: [0, 0, 1]),
        Case(model: .lastNonDirect, daysBefore: three, direct: [0, 2], expected: [0, 1, 0]),
        Case(model: .lastNonDirect, daysBefore: three, direct: [0, 1, 2], expected: [0, 0, 1]),
        Case(model: .linear, daysBefore: three, expected: [1.0 / 3, 1.0 / 3, 1.0 / 3]),
        Case(model: .positionBased, daysBefore: three, expected: [0.4, 0.2, 0.4]),
        Case(model: .timeDecay, daysBefore: three, expected: [1.0 / 7, 2.0 / 7, 4.0 / 7]),
        // The same journey with a 14-day half-life: 2^-1 : 2^-½ : 1.
        Case(
            model: .timeDecay, daysBefore: three, halfLifeDays: 14,
            expected: [0.5, 0.5.squareRoot(), 1].map { $0 / (1.5 + 0.5.squareRoot()) }
        ),
        // Five touches, a week apart: 1 : 2 : 4 : 8 : 16 over 31.
        Case(model: .firstTouch, daysBefore: five, expected: [1, 0, 0, 0, 0]),
        Case(model: .lastTouch, daysBefore: five, expected: [0, 0, 0, 0, 1]),
        Case(model: .lastNonDirect, daysBefore: five, expected: [0, 0, 0, 0, 1]),
        Case(model: .lastNonDirect, daysBefore: five, direct: [1, 3, 4], expected: [0, 0, 1, 0, 0]),
        Case(model: .lastNonDirect, daysBefore: five, direct: [1, 2, 3, 4], expected: [1, 0, 0, 0, 0]),
        Case(model: .lastNonDirect, daysBefore: five, direct: [0, 1, 2, 3, 4], expected: [0, 0, 0, 0, 1]),
        Case(model: .linear, daysBefore: five, expected: [0.2, 0.2, 0.2, 0.2, 0.2]),
        Case(model: .positionBased, daysBefore: five, expected: [0.4, 0.2 / 3, 0.2 / 3, 0.2 / 3, 0.4]),
        Case(model: .timeDecay, daysBefore: five, expected: [1, 2, 4, 8, 16].map { $0 / 31.0 }),
    ]

    @Test(arguments: cases)
    func handComputedWeights(_ example: Case) throws {
        let journey = Self.journey(daysBefore: example.daysBefore, direct: example.direct)
        let weights = try #require(
            example.model.weights(for: journey, convertedAt: Self.convertedAt, halfLifeDays: example.halfLifeDays)
        )
        #expect(weights.count == example.expected.count)
        for (weight, expected) in zip(weights, example.expected) {
            #expect(abs(weight - expected) <= 1e-15, "\(weights) is not \(example.expected)")
        }
    }

    @Test func markovHasNoPerJourneyWeights() {
        let journey = Self.journey(daysBefore: Self.three)
        #expect(AttributionModel.markov.weights(for: journey, convertedAt: Self.convertedAt, halfLifeDays: 7) == nil)
        #expect(AttributionModel.markov.weights(for: [], convertedAt: Self.convertedAt, halfLifeDays: 7) == nil)
    }

    @Test(arguments: AttributionModel.allCases.filter(\.isHeuristic))
    func emptyJourneyGetsNoWeights(_ model: AttributionModel) {
        #expect(model.weights(for: [], convertedAt: Self.convertedAt, halfLifeDays: 7) == [])
    }

    /// With a half-life of a millionth of a day, 2^(−Δ/h) is 2^(−1,000,000) for a touch a day old: zero in `Double`
    /// for every touch. Measured from the freshest touch, that one still weighs 1, and ties share it.
    @Test func tinyHalfLifeDoesNotUnderflow() throws {
        let old = Self.journey(daysBefore: [2, 1])
        let weights = try #require(
            AttributionModel.timeDecay.weights(for: old, convertedAt: Self.convertedAt, halfLifeDays: 1e-6)
        )
        #expect(weights == [0, 1])

        let tied = Self.journey(daysBefore: [89, 0.5, 0.5])
        let shared = try #require(
            AttributionModel.timeDecay.weights(for: tied, convertedAt: Self.convertedAt, halfLifeDays: 1e-6)
        )
        #expect(shared == [0, 0.5, 0.5])
    }

    /// Ninety days with a one-hour half-life is 2^(−2160) from the conversion: below the smallest `Double`.
    @Test func oldJourneyWithShortHalfLifeKeepsItsShape() throws {
        let journey = Self.journey(daysBefore: [90 + 2.0 / 24, 90 + 1.0 / 24, 90])
        let weights = try #require(
            AttributionModel.timeDecay.weights(for: journey, convertedAt: Self.convertedAt, halfLifeDays: 1.0 / 24)
        )
        for (weight, expected) in zip(weights, [1.0 / 7, 2.0 / 7, 4.0 / 7]) {
            #expect(abs(weight - expected) <= 1e-14)
        }
    }

    @Test(arguments: AttributionModel.allCases.filter(\.isHeuristic))
    func randomJourneysShareExactlyOneCredit(_ model: AttributionModel) throws {
        var random = SplitMix64(seed: 0x1EAD_7A11 &+ UInt64(model.rawValue.count))
        for count in 1...30 {
            for _ in 0..<20 {
                let offsets = (0..<count).map { _ in Int64.random(in: 0...(90 * Self.day), using: &random) }
                let journey = offsets.sorted(by: >).enumerated().map { index, offset in
                    JourneyTouch(
                        at: Timestamp(microseconds: Self.convertedAt.microseconds - offset),
                        isDirect: Bool.random(using: &random),
                        key: Int32(index)
                    )
                }
                let halfLife = Double.random(in: 0.001...60, using: &random)
                let weights = try #require(
                    model.weights(for: journey, convertedAt: Self.convertedAt, halfLifeDays: halfLife)
                )
                #expect(weights.count == count)
                #expect(weights.allSatisfy { $0 >= 0 && $0.isFinite }, "\(weights)")
                #expect(abs(weights.reduce(0, +) - 1) <= 1e-12, "\(model.rawValue) n=\(count): \(weights)")
                if [.firstTouch, .lastTouch, .lastNonDirect].contains(model) {
                    #expect(weights.filter { $0 != 0 } == [1])
                }
            }
        }
    }
}

/// A small seeded generator (Steele, Lea and Flood's SplitMix64) so the property tests of the attribution maths are
/// random but repeatable. Shared by the tests in this folder.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
