import Testing

@testable import LeadTrailCore

struct MarkovChainTests {
    static func chain(stateCount: Int, _ paths: [(states: [Int32], converted: Bool)]) -> MarkovChain {
        var chain = MarkovChain(stateCount: stateCount)
        for path in paths { chain.addPath(path.states, converted: path.converted) }
        return chain
    }

    static func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12) {
        #expect(actual.count == expected.count)
        for (value, wanted) in zip(actual, expected) {
            #expect(abs(value - wanted) <= tolerance, "\(actual) is not \(expected)")
        }
    }

    // A = 0, B = 1, C = 2. Paths: A→B→conv, A→null, B→conv, A→C→conv.
    //
    // Counts: start→A 3, start→B 1; A→B 1, A→null 1, A→C 1; B→conv 2; C→conv 1.
    // From B and from C the walk always converts: x_B = x_C = 1. From A: x_A = ⅓·1 + ⅓·0 + ⅓·1 = ⅔.
    // P_full = x_start = ¾·⅔ + ¼·1 = ¾.
    //
    // Without A (start→A goes to null): only start→B→conv is left, P = ¼; RE_A = 1 − ¼ / ¾ = ⅔.
    // Without B: start→B and A→B go to null, x_A = ⅓ (through C), P = ¾·⅓ = ¼; RE_B = ⅔.
    // Without C: x_A = ⅓ (through B), P = ¾·⅓ + ¼ = ½; RE_C = 1 − ½ / ¾ = ⅓.
    // Shares: ⅔ : ⅔ : ⅓ over 5/3 = ⅖, ⅖, ⅕.
    static let example: [(states: [Int32], converted: Bool)] = [
        ([0, 1], true), ([0], false), ([1], true), ([0, 2], true),
    ]

    @Test func handWorkedExample() throws {
        let chain = Self.chain(stateCount: 3, Self.example)
        #expect(abs(chain.conversionProbability - 0.75) <= 1e-15)
        Self.expectClose(chain.removalEffects(), [2.0 / 3, 2.0 / 3, 1.0 / 3])
        Self.expectClose(try #require(chain.shares()), [0.4, 0.4, 0.2])
    }

    // The example plus D = 3 seen only on a visitor who never converted, and key 4 never seen at all.
    // start→D takes ⅕ of the starts, so P_full = ⅘·¾ = ⅗, and every P_without_s shrinks by the same ⅘: the other
    // removal effects do not change. Without D nothing is lost: RE_D = 1 − ⅗ / ⅗ = 0.
    @Test func statesOnlyOnNullPathsHaveNoEffect() throws {
        let chain = Self.chain(stateCount: 5, Self.example + [([3], false)])
        #expect(abs(chain.conversionProbability - 0.6) <= 1e-15)
        Self.expectClose(chain.removalEffects(), [2.0 / 3, 2.0 / 3, 1.0 / 3, 0, 0])
        Self.expectClose(try #require(chain.shares()), [0.4, 0.4, 0.2, 0, 0])
    }

    // A = 0, B = 1. Paths: A→B→A→conv and A→null.
    // Counts: start→A 2; A→B 1, A→conv 1, A→null 1; B→A 1.
    // x_B = x_A and x_A = ⅓·x_B + ⅓, so x_A = ½ and P_full = ½.
    // Without A nothing converts: RE_A = 1. Without B, A→B goes to null: x_A = ⅓, RE_B = 1 − ⅓ / ½ = ⅓.
    // Shares: 1 : ⅓ = ¾, ¼.
    @Test func cycleIsSolvedExactly() throws {
        let chain = Self.chain(stateCount: 2, [([0, 1, 0], true), ([0], false)])
        #expect(abs(chain.conversionProbability - 0.5) <= 1e-15)
        Self.expectClose(chain.removalEffects(), [1, 1.0 / 3])
        Self.expectClose(try #require(chain.shares()), [0.75, 0.25])
    }

    @Test func consecutiveRepeatsCollapse() {
        let repeated = Self.chain(stateCount: 3, [([0, 0, 1, 1, 1], true), ([2, 2], false), ([1, 1, 0], false)])
        let collapsed = Self.chain(stateCount: 3, [([0, 1], true), ([2], false), ([1, 0], false)])
        #expect(repeated.conversionProbability == collapsed.conversionProbability)
        #expect(repeated.removalEffects() == collapsed.removalEffects())
        // A→B→A is no repeat: the cycle stays, only the doubled steps inside it go.
        let cycle = Self.chain(stateCount: 2, [([0, 1, 0], true), ([0], false)])
        let doubledCycle = Self.chain(stateCount: 2, [([0, 0, 1, 1, 0, 0], true), ([0, 0, 0], false)])
        #expect(cycle.conversionProbability == doubledCycle.conversionProbability)
        #expect(cycle.removalEffects() == doubledCycle.removalEffects())
        #expect(cycle.removalEffects() != Self.chain(stateCount: 2, [([0, 1], true), ([0], false)]).removalEffects())
    }

    @Test func emptyPathsAndNoConversionsGiveNoShares() {
        var chain = MarkovChain(stateCount: 3)
        chain.addPath([], converted: true)
        #expect(chain.conversionProbability == 0)
        #expect(chain.removalEffects() == [0, 0, 0])
        #expect(chain.shares() == nil)

        chain.addPath([0, 1], converted: false)
        chain.addPath([2], converted: false)
        #expect(chain.conversionProbability == 0)
        #expect(chain.removalEffects() == [0, 0, 0])
        #expect(chain.shares() == nil)

        #expect(MarkovChain(stateCount: 0).shares() == nil)
        #expect(MarkovChain(stateCount: 0).removalEffects() == [])
    }

    /// One key on every converting path: removing it loses everything, and it takes every share.
    @Test func soleConvertingKeyTakesEverything() throws {
        let chain = Self.chain(stateCount: 4, [([3], true), ([3], true), ([1], false), ([1, 2], false)])
        #expect(abs(chain.conversionProbability - 0.5) <= 1e-15)
        Self.expectClose(chain.removalEffects(), [0, 0, 0, 1])
        Self.expectClose(try #require(chain.shares()), [0, 0, 0, 1])
    }

    /// The one-factorisation formula against a separate solve of every chain with one key removed.
    @Test(arguments: 1...12)
    func agreesWithBruteForceOnRandomChains(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x5DEE_CE66D)
        let stateCount = Int.random(in: 10...30, using: &random)
        // A few keys are popular and the rest rare, as campaigns are; some keys never appear.
        let popular = Int32(stateCount / 4)
        let pathCount = Int.random(in: 100...500, using: &random)
        let conversionRate = Double.random(in: 0.05...0.6, using: &random)
        var paths: [(states: [Int32], converted: Bool)] = []
        for _ in 0..<pathCount {
            let length = Int.random(in: 1...8, using: &random)
            let states = (0..<length).map { _ in
                Bool.random(using: &random)
                    ? Int32.random(in: 0..<popular, using: &random)
                    : Int32.random(in: 0..<Int32(stateCount - 2), using: &random)
            }
            paths.append((states, Double.random(in: 0..<1, using: &random) < conversionRate))
        }
        let chain = Self.chain(stateCount: stateCount, paths)

        let full = BruteForce.conversionProbability(stateCount: stateCount, paths: paths, removing: nil)
        #expect(full > 0)
        #expect(abs(chain.conversionProbability - full) <= 1e-12)
        let effects = chain.removalEffects()
        for state in 0..<stateCount {
            let without = BruteForce.conversionProbability(stateCount: stateCount, paths: paths, removing: state)
            let expected = max(0, 1 - without / full)
            #expect(abs(effects[state] - expected) <= 1e-9, "key \(state): \(effects[state]) vs \(expected)")
        }
        #expect(effects[stateCount - 1] == 0 && effects[stateCount - 2] == 0)
        let shares = try #require(chain.shares())
        #expect(abs(shares.reduce(0, +) - 1) <= 1e-12)
        #expect(shares.allSatisfy { $0 >= 0 })
    }
}

/// The textbook way: transition probabilities from counted paths, the removed key's row sent to `(null)`, and
/// `(I − Q) x = r` solved by Gaussian elimination with partial pivoting — one solve per removed key.
enum BruteForce {
    static func conversionProbability(
        stateCount: Int, paths: [(states: [Int32], converted: Bool)], removing removed: Int?
    ) -> Double {
        // Node 0 is (start), node s + 1 is key s; a key that never appears keeps an identity row and x = 0.
        let order = stateCount + 1
        var counts = Array(repeating: Array(repeating: 0.0, count: order), count: order)
        var conversions = Array(repeating: 0.0, count: order)
        var outgoing = Array(repeating: 0.0, count: order)
        for path in paths {
            var collapsed: [Int] = []
            for state in path.states where collapsed.last != Int(state) + 1 { collapsed.append(Int(state) + 1) }
            guard !collapsed.isEmpty else { continue }
            var previous = 0
            for node in collapsed {
                counts[previous][node] += 1
                outgoing[previous] += 1
                previous = node
            }
            outgoing[previous] += 1
            if path.converted { conversions[previous] += 1 }
        }
        var matrix = Array(repeating: Array(repeating: 0.0, count: order), count: order)
        var rhs = Array(repeating: 0.0, count: order)
        for node in 0..<order {
            matrix[node][node] = 1
            let removedHere = removed.map { node == $0 + 1 } ?? false
            guard outgoing[node] > 0, !removedHere else { continue }
            for next in 0..<order { matrix[node][next] -= counts[node][next] / outgoing[node] }
            rhs[node] = conversions[node] / outgoing[node]
        }
        return solve(matrix, rhs)[0]
    }

    static func solve(_ matrix: [[Double]], _ rhs: [Double]) -> [Double] {
        var a = matrix
        var b = rhs
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<n where a[row][column] != 0 {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = Array(repeating: 0.0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<n { sum -= a[row][k] * x[k] }
            x[row] = sum / a[row][row]
        }
        return x
    }
}
