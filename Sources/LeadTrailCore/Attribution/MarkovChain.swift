/// A first-order Markov chain over a report's keys, built from the period's journeys, that measures how much each key
/// is needed for conversions (SPEC "Markov").
///
/// Every path runs from `(start)` through its keys, consecutive repeats collapsed, into one of two absorbing states:
/// `(conversion)` for an attributed journey, `(null)` for a visitor's touches that led to no conversion. A key's
/// removal effect is the share of the conversion probability that is lost when the key is taken out of the chain.
///
/// ```swift
/// var chain = MarkovChain(stateCount: keys.count)
/// chain.addPath([search, social], converted: true)
/// chain.addPath([social], converted: false)
/// let shares = chain.shares()  // nil when nothing converted
/// ```
///
/// Everything is solved exactly from the transition counts, without simulation, so that the same journeys always give
/// the same shares.
public struct MarkovChain: Sendable {
    /// The number of report keys; states are `0..<stateCount`.
    public let stateCount: Int

    /// How many times each transition was taken.
    private var counts: TransitionCounts

    /// Creates an empty chain over the report keys `0..<stateCount`.
    public init(stateCount: Int) {
        precondition(stateCount >= 0 && stateCount <= Int(Int32.max), "state count out of range: \(stateCount)")
        self.stateCount = stateCount
        counts = TransitionCounts(stateCount: stateCount)
    }

    /// Adds one journey's keys, in time order.
    ///
    /// Consecutive repeats collapse (`A, A, B` is `A, B`); an empty path adds nothing.
    ///
    /// - Parameters:
    ///   - states: The report keys of the journey's touches, each in `0..<stateCount`.
    ///   - converted: Whether the path ends in `(conversion)` (an attributed journey) or in `(null)`.
    public mutating func addPath(_ states: some Sequence<Int32>, converted: Bool) {
        addPath(Array(states), converted: converted)
    }

    /// Adds one journey's keys, in time order: ``addPath(_:converted:)`` for an array, without the cost of a generic
    /// sequence per key, for a year's millions of null paths.
    public mutating func addPath(_ states: [Int32], converted: Bool) {
        var previous = Transition.start
        for state in states {
            precondition(state >= 0 && Int(state) < stateCount, "state \(state) outside 0..<\(stateCount)")
            if state == previous { continue }
            counts.add(from: previous, to: state)
            previous = state
        }
        guard previous != Transition.start else { return }
        counts.add(from: previous, to: converted ? Transition.conversion : Transition.null)
    }

    /// Adds null paths a store counted instead of listing them (``CountedTouches/steps``): each step as many times as
    /// it was taken, which is what adding each path in turn would count.
    public mutating func addNullSteps(_ steps: [CountedTouches.Step: Int]) {
        for (step, count) in steps {
            let from = step.from ?? Transition.start
            let to = step.to ?? Transition.null
            precondition(from == Transition.start || (from >= 0 && Int(from) < stateCount), "state \(from) out of range")
            precondition(to == Transition.null || (to >= 0 && Int(to) < stateCount), "state \(to) out of range")
            counts.add(from: from, to: to, times: count)
        }
    }

    /// The probability that a walk from `(start)` is absorbed in `(conversion)`; 0 for a chain without paths.
    public var conversionProbability: Double {
        guard var system = AbsorbingSystem(counts) else { return 0 }
        system.factorise()
        return system.absorption()[0]
    }

    /// Each key's removal effect, indexed by key: 1 − P(conversion without the key) / P(conversion).
    ///
    /// Removing a key redirects every transition into it to `(null)`. The probability that remains is the full one
    /// minus the walks that ever reach the key and convert from there; by the strong Markov property that is
    /// `x[start] − h[key] · x[key]`, where `x` is the probability of conversion from a state and `h[key]` the
    /// probability of ever reaching the key from `(start)`, `N[start, key] / N[key, key]` with `N` the fundamental
    /// matrix. So one factorisation serves every key. Effects are clipped at 0; keys that never appear, and every key
    /// of a chain that never converts, get 0.
    public func removalEffects() -> [Double] {
        var effects = Array(repeating: 0.0, count: stateCount)
        guard var system = AbsorbingSystem(counts) else { return effects }
        system.factorise()
        let conversion = system.absorption()
        let full = conversion[0]
        guard full > 0 else { return effects }
        let (visitsFromStart, returns) = system.fundamentalRowAndDiagonal()
        for (index, state) in system.states.enumerated() {
            let node = index + 1
            let reach = visitsFromStart[node] / returns[node]
            effects[Int(state)] = max(0, reach * conversion[node] / full)
        }
        return effects
    }

    /// The removal effects normalised to sum to 1: each key's share of the period's conversions and value.
    ///
    /// `nil` when every effect is 0 — nothing converted — so the caller leaves the conversions unattributed rather
    /// than dividing by zero.
    public func shares() -> [Double]? {
        let effects = removalEffects()
        let total = effects.reduce(0, +)
        guard total > 0 else { return nil }
        return effects.map { $0 / total }
    }
}

extension MarkovChain {
    /// One counted step between two nodes: a key (`0...`) or one of the three special nodes below.
    fileprivate struct Transition: Hashable, Sendable {
        static let start: Int32 = -1
        static let conversion: Int32 = -2
        static let null: Int32 = -3

        var from: Int32
        var to: Int32
    }

    /// How many times each transition was taken: a dense table while the keys are few enough (a year's null paths
    /// add millions of transitions, and an array index is much cheaper than a hash), otherwise a dictionary, where
    /// keys that never appear cost nothing.
    fileprivate struct TransitionCounts {
        /// The largest table kept dense, in entries (8 MiB).
        static let denseLimit = 1 << 20

        /// Rows: `(start)`, then the keys; columns: `(conversion)`, `(null)`, then the keys. Empty when sparse.
        private var dense: [Int]
        private let columns: Int
        private var sparse: [Transition: Int] = [:]

        init(stateCount: Int) {
            let rows = stateCount + 1
            columns = stateCount + 2
            dense = rows <= Self.denseLimit / columns ? Array(repeating: 0, count: rows * columns) : []
        }

        mutating func add(from: Int32, to: Int32, times: Int = 1) {
            guard !dense.isEmpty else {
                sparse[Transition(from: from, to: to), default: 0] += times
                return
            }
            // (start) is −1, (conversion) −2 and (null) −3: the offsets below put them at row and columns 0, 0, 1.
            let column = to >= 0 ? Int(to) + 2 : Int(-2 - to)
            dense[(Int(from) + 1) * columns + column] += times
        }

        /// Every transition taken, with its count.
        func forEachTransition(_ body: (Transition, Int) -> Void) {
            guard !dense.isEmpty else {
                for (transition, count) in sparse { body(transition, count) }
                return
            }
            for (index, count) in dense.enumerated() where count > 0 {
                let column = index % columns
                body(
                    Transition(
                        from: Int32(index / columns - 1), to: column >= 2 ? Int32(column - 2) : Int32(-2 - column)),
                    count)
            }
        }
    }

    /// The transient part of the chain as a dense linear system over the keys that appear, node 0 being `(start)`.
    ///
    /// Each row is scaled by its node's outgoing count, so the matrix `A = diag(out) · (I − Q)` holds exact integers:
    /// `out` on the diagonal (no self-loops, since repeats collapse) and minus the transition counts elsewhere; the
    /// right-hand side `b` holds the counts into `(conversion)`. Scaling rows leaves the solution `x` alone and scales
    /// column `j` of the inverse by `1 / out[j]`, which cancels in `N[start, key] / N[key, key]`.
    ///
    /// `A` is a nonsingular M-matrix, diagonally dominant by rows (every node reaches an absorbing state, because
    /// every path ends in one), so Gaussian elimination needs no pivoting: pivots stay positive and the growth factor
    /// is at most 2. Without row swaps the inverse's diagonal comes cheaply from the triangular inverses.
    fileprivate struct AbsorbingSystem {
        /// The keys that appear, ascending; node `i + 1` is `states[i]`.
        let states: [Int32]
        /// Number of nodes: the keys that appear plus `(start)`.
        let order: Int
        /// Row-major `order × order` matrix: `A`, then its LU factors, then their inverses.
        private var matrix: [Double]
        private let conversions: [Double]

        init?(_ counts: TransitionCounts) {
            var seen = Set<Int32>()
            counts.forEachTransition { transition, _ in
                if transition.from != Transition.start { seen.insert(transition.from) }
            }
            guard !seen.isEmpty else { return nil }
            states = seen.sorted()
            order = states.count + 1
            var node = [Int32: Int](minimumCapacity: states.count + 1)
            node[Transition.start] = 0
            for (index, state) in states.enumerated() { node[state] = index + 1 }

            var matrix = Array(repeating: 0.0, count: order * order)
            var conversions = Array(repeating: 0.0, count: order)
            let order = order
            counts.forEachTransition { transition, count in
                guard let from = node[transition.from] else { return }
                let weight = Double(count)
                matrix[from * order + from] += weight
                switch transition.to {
                case Transition.conversion: conversions[from] += weight
                case Transition.null: break
                default:
                    guard let to = node[transition.to] else { return }
                    matrix[from * order + to] -= weight
                }
            }
            self.matrix = matrix
            self.conversions = conversions
        }

        /// Replaces `A` by its LU factors in place: `L` (unit diagonal) below, `U` on and above the diagonal.
        mutating func factorise() {
            let n = order
            matrix.withUnsafeMutableBufferPointer { buffer in
                guard let a = buffer.baseAddress else { return }
                for k in 0..<n {
                    let pivotRow = a + k * n
                    let pivot = pivotRow[k]
                    for i in (k + 1)..<n {
                        let row = a + i * n
                        let below = row[k]
                        if below == 0 { continue }
                        let factor = below / pivot
                        row[k] = factor
                        for j in (k + 1)..<n { row[j] -= factor * pivotRow[j] }
                    }
                }
            }
        }

        /// The probability of ending in `(conversion)` from each node; needs the LU factors.
        func absorption() -> [Double] {
            let n = order
            var x = conversions
            matrix.withUnsafeBufferPointer { a in
                for i in 0..<n {
                    var sum = x[i]
                    for j in 0..<i { sum -= a[i * n + j] * x[j] }
                    x[i] = sum
                }
                for i in stride(from: n - 1, through: 0, by: -1) {
                    var sum = x[i]
                    for j in (i + 1)..<n { sum -= a[i * n + j] * x[j] }
                    x[i] = sum / a[i * n + i]
                }
            }
            return x
        }

        /// Row `(start)` and the diagonal of `A⁻¹ = U⁻¹ · L⁻¹`, from the LU factors, which it overwrites with their
        /// inverses. About `order³ / 3` multiply-adds, fewer when the chain is sparse.
        mutating func fundamentalRowAndDiagonal() -> (row: [Double], diagonal: [Double]) {
            let n = order
            var row = Array(repeating: 0.0, count: n)
            var diagonal = Array(repeating: 0.0, count: n)
            var scratch = Array(repeating: 0.0, count: n)
            matrix.withUnsafeMutableBufferPointer { buffer in
                scratch.withUnsafeMutableBufferPointer { scratchBuffer in
                    guard let a = buffer.baseAddress, let sum = scratchBuffer.baseAddress else { return }
                    Self.invertUpper(a, order: n, scratch: sum)
                    Self.invertUnitLower(a, order: n, scratch: sum)
                }
                guard let a = buffer.baseAddress else { return }
                // A⁻¹[i, s] = Σ_{j ≥ s} U⁻¹[i, j] · L⁻¹[j, s], with L⁻¹[j, j] = 1.
                for j in 0..<n {
                    let lower = a + j * n
                    let fromStart = a[j]
                    row[j] += fromStart
                    diagonal[j] += a[j * n + j]
                    for s in 0..<j {
                        row[s] += fromStart * lower[s]
                        diagonal[s] += a[s * n + j] * lower[s]
                    }
                }
            }
            return (row, diagonal)
        }

        /// Overwrites `U` (on and above the diagonal) with `U⁻¹`, bottom row first: row `i` of `U⁻¹` is
        /// `(eᵢ − Σ_{k>i} U[i, k] · row k of U⁻¹) / U[i, i]`, so the inner loop runs along contiguous rows.
        private static func invertUpper(
            _ a: UnsafeMutablePointer<Double>, order n: Int, scratch: UnsafeMutablePointer<Double>
        ) {
            for i in stride(from: n - 1, through: 0, by: -1) {
                let row = a + i * n
                for j in (i + 1)..<n { scratch[j] = 0 }
                for k in (i + 1)..<n {
                    let u = row[k]
                    if u == 0 { continue }
                    let inverseRow = a + k * n
                    for j in k..<n { scratch[j] += u * inverseRow[j] }
                }
                let inversePivot = 1 / row[i]
                row[i] = inversePivot
                for j in (i + 1)..<n { row[j] = -scratch[j] * inversePivot }
            }
        }

        /// Overwrites the unit lower factor `L` (below the diagonal) with `L⁻¹`, top row first: row `i` of `L⁻¹` is
        /// `eᵢ − Σ_{k<i} L[i, k] · row k of L⁻¹`.
        private static func invertUnitLower(
            _ a: UnsafeMutablePointer<Double>, order n: Int, scratch: UnsafeMutablePointer<Double>
        ) {
            for i in 1..<n {
                let row = a + i * n
                for j in 0..<i { scratch[j] = 0 }
                for k in 0..<i {
                    let l = row[k]
                    if l == 0 { continue }
                    scratch[k] += l
                    let inverseRow = a + k * n
                    for j in 0..<k { scratch[j] += l * inverseRow[j] }
                }
                for j in 0..<i { row[j] = -scratch[j] }
            }
        }
    }
}
