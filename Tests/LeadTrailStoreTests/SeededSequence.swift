import Foundation

/// The property tests' seeded numbers (a 64-bit linear congruential sequence): the same cases on every run.
struct SeededSequence {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next state, all 64 bits (its low bits cycle quickly: take the high ones).
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }

    /// A number from `0` to below `bound`.
    mutating func next(below bound: Int) -> Int { Int((next() >> 33) % UInt64(bound)) }

    /// How many cases a property runs: `LEADTRAIL_PROPERTY_CASES`, else `standard`.
    static func cases(standard: Int) -> Int {
        ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap { Int($0) } ?? standard
    }
}
