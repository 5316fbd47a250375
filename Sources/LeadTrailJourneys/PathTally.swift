public import LeadTrailCore

/// Counts a store's unlisted period touches one visitor's path at a time (``PeriodTouches/counted``), in dense tables
/// indexed by key while the keys are few: a year holds millions of such touches, and a hashed count per touch cost
/// more than listing them.
///
/// ```swift
/// var tally = PathTally(countsSteps: scope.needsNullPaths)
/// tally.add(path: [vk, vk, yandex])
/// period.counted = tally.counted()
/// ```
public struct PathTally: Sendable {
    /// Keys at or above it are counted in dictionaries (a dense step table of 1,024² entries is 8 MiB).
    @usableFromInline static let denseKeys: Int32 = 1024

    public let countsSteps: Bool
    /// Touches by key, below ``denseKeys``.
    @usableFromInline var touches: [Int64] = []
    /// Steps by `(from + 1) * (denseKeys + 1) + (to + 1)`: −1 is the path's start (from) or end (to).
    @usableFromInline var steps: [Int64] = []
    @usableFromInline var sparseTouches: [Int32: Int64] = [:]
    @usableFromInline var sparseSteps: [CountedTouches.Step: Int64] = [:]

    /// - Parameter countsSteps: whether Markov needs the paths' steps (``ReportScope/needsNullPaths``), or only how
    ///   many touches each key has.
    public init(countsSteps: Bool) {
        self.countsSteps = countsSteps
    }

    /// Adds one visitor's period touches, in journey order.
    @inlinable
    public mutating func add(path keys: some Collection<Int32>) {
        var previous: Int32 = -1
        for key in keys {
            addTouch(key)
            if countsSteps && key != previous { addStep(from: previous, to: key) }
            previous = key
        }
        if countsSteps && previous >= 0 { addStep(from: previous, to: -1) }
    }

    @inlinable
    mutating func addTouch(_ key: Int32) {
        guard key < Self.denseKeys else {
            sparseTouches[key, default: 0] += 1
            return
        }
        if Int(key) >= touches.count { touches += repeatElement(0, count: Int(key) + 1 - touches.count) }
        touches[Int(key)] += 1
    }

    @inlinable
    mutating func addStep(from: Int32, to: Int32) {
        guard from < Self.denseKeys && to < Self.denseKeys else {
            sparseSteps[CountedTouches.Step(from: from < 0 ? nil : from, to: to < 0 ? nil : to), default: 0] += 1
            return
        }
        if steps.isEmpty { steps = [Int64](repeating: 0, count: Int(Self.denseKeys + 1) * Int(Self.denseKeys + 1)) }
        steps[Int(from + 1) * Int(Self.denseKeys + 1) + Int(to + 1)] += 1
    }

    /// What was added, as a report reads it.
    public func counted() -> CountedTouches {
        var counted = CountedTouches()
        for (key, count) in touches.enumerated() where count > 0 { counted.byKey[Int32(key)] = count }
        for (key, count) in sparseTouches { counted.byKey[key, default: 0] += count }
        let width = Int(Self.denseKeys + 1)
        for (index, count) in steps.enumerated() where count > 0 {
            let from = Int32(index / width) - 1
            let to = Int32(index % width) - 1
            counted.steps[CountedTouches.Step(from: from < 0 ? nil : from, to: to < 0 ? nil : to)] = Int(count)
        }
        for (step, count) in sparseSteps { counted.steps[step, default: 0] += Int(count) }
        return counted
    }
}
