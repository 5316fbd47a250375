import Foundation
import Testing

@testable import LeadTrailCore

/// A store may count the period touches that no journey holds instead of listing them (``CountedTouches``): Markov and
/// the `touches` figure must not tell the difference.
struct CountedTouchesTests {
    private static func randomPaths(_ random: inout SplitMix64, stateCount: Int32) -> [[Int32]] {
        (0..<(1 + random.below(300))).map { _ in
            // Repeats are common (a visitor clicks one ad twice), so that collapsing is exercised.
            var path: [Int32] = []
            for _ in 0..<random.below(7) {
                path.append(
                    !path.isEmpty && random.below(3) == 0 ? path[path.count - 1] : Int32(random.below(Int(stateCount))))
            }
            return path
        }
    }

    /// The steps a store counts for one visitor's period touches, touch by touch.
    private static func count(_ path: [Int32], into counted: inout CountedTouches) {
        var previous: Int32?
        for (index, key) in path.enumerated() {
            counted.addPathTouches(1, key: key, previous: previous, isLast: index == path.count - 1)
            previous = key
        }
    }

    /// Property: null paths counted give the chain (every removal effect, bit for bit) and the touches per key that
    /// the same paths added one by one give, also after keys are renumbered or merged (`report abtest`).
    @Test func countedNullPathsAreThePathsOneByOne() throws {
        let cases = ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap { Int($0) } ?? 250
        var random = SplitMix64(seed: 0x5EED_C0DE)
        for _ in 0..<cases {
            let stateCount = Int32(2 + random.below(12))
            let converting = Self.randomPaths(&random, stateCount: stateCount).filter { !$0.isEmpty }
            let null = Self.randomPaths(&random, stateCount: stateCount)
            // Renumbered keys, some of them merged into one.
            let merged = Int32(1 + random.below(Int(stateCount)))
            let mapping = (0..<stateCount).map { ($0 * 7 + 3) % stateCount % merged }

            for rekeyed in [false, true] {
                let map: (Int32) -> Int32 = { rekeyed ? mapping[Int($0)] : $0 }
                var listed = MarkovChain(stateCount: Int(stateCount))
                var counted = MarkovChain(stateCount: Int(stateCount))
                for path in converting {
                    listed.addPath(path.map(map), converted: true)
                    counted.addPath(path.map(map), converted: true)
                }
                var touches = CountedTouches()
                var expectedByKey: [Int32: Int64] = [:]
                for path in null {
                    listed.addPath(path.map(map), converted: false)
                    Self.count(path, into: &touches)
                    for key in path { expectedByKey[map(key), default: 0] += 1 }
                }
                if rekeyed { touches.rekey(mapping) }
                counted.addNullSteps(touches.steps)
                #expect(counted.removalEffects() == listed.removalEffects())
                #expect(counted.conversionProbability == listed.conversionProbability)
                #expect(touches.byKey.filter { $0.value != 0 } == expectedByKey)

                var period = PeriodTouches()
                period.counted = touches
                period.keys = [0, 0, 1]
                #expect(period.touchCount == expectedByKey.values.reduce(0, +) + 3)
                #expect(period.touchesByKey[0] == (expectedByKey[0] ?? 0) + 2)
            }
        }
    }

    /// Two stores that met the same keys in different orders hand a report the same data once keys are numbered in
    /// their text's order.
    @Test func keysNumberedInOrderWhateverTheOrderMet() {
        func data(_ texts: [String]) -> ReportData {
            var table = KeyTable()
            for text in texts { _ = table.index(of: text) }
            var period = PeriodTouches()
            period.keys = texts.indices.map { table.existingIndex(of: texts[$0])! }
            period.ids = period.keys.map(Int64.init)
            period.visitorEnds = [period.keys.count]
            period.counted.addPathTouches(5, key: table.existingIndex(of: "vk")!, previous: nil, isLast: true)
            return ReportData(
                keys: table, leads: [], deals: [], spend: [], rates: ExchangeRates([]), periodTouches: period
            ).numberingKeysInOrder()
        }
        let first = data(["yandex", "(none)", "vk", "Ёлка"])
        let second = data(["vk", "Ёлка", "yandex", "(none)"])
        #expect(first.keys.keys == ["(none)", "vk", "yandex", "Ёлка"])
        #expect(second.keys.keys == first.keys.keys)
        #expect(first.periodTouches?.counted == second.periodTouches?.counted)
        #expect(first.periodTouches?.touchesByKey == second.periodTouches?.touchesByKey)
        #expect(first.periodTouches?.keys.map { first.keys[$0] } == ["yandex", "(none)", "vk", "Ёлка"])
    }
}

extension SplitMix64 {
    fileprivate mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
