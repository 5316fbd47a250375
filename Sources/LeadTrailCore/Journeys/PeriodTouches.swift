/// Every touch dated in a report period: the touches of visitors whose touches a journey may hold, listed, grouped by
/// visitor, each group ordered by time then record key; the rest counted by the store (``counted``).
///
/// Kept as flat arrays and counts, because a year holds millions: Markov's null paths and the `touches` figure of
/// `report roas` read them.
public struct PeriodTouches: Sendable {
    /// The store's touch ids.
    public var ids: [Int64] = []
    /// Each touch's report key: its own value in the dimension, or its own date for `month`, `week` and `day`.
    public var keys: [Int32] = []
    /// Where each visitor's group ends in ``ids`` and ``keys``.
    public var visitorEnds: [Int] = []
    /// The touches of visitors that no journey can hold (no lead, no shared click id) and without a form in the
    /// period (so that the same-session rule keeps each of them), counted instead of listed.
    public var counted = CountedTouches()

    public init() {}

    /// The touches' positions in ``ids``, one range per visitor.
    public var visitorRanges: [Range<Int>] {
        var start = 0
        return visitorEnds.map { end in
            defer { start = end }
            return start..<end
        }
    }

    /// How many touches the period holds, listed and counted.
    public var touchCount: Int64 { Int64(keys.count) + counted.byKey.values.reduce(0, +) }

    /// How many touches the period holds in each key, listed and counted.
    public var touchesByKey: [Int32: Int64] {
        var touches = counted.byKey
        for key in keys { touches[key, default: 0] += 1 }
        return touches
    }

    /// The same touches under other keys: `mapping[old]` is each key's new index.
    public mutating func rekey(_ mapping: [Int32]) {
        for index in keys.indices { keys[index] = mapping[Int(keys[index])] }
        counted.rekey(mapping)
    }
}

/// Touches a store counted instead of listing them (``PeriodTouches/counted``): how many in each key and, when the
/// scope asked for null paths (``ReportScope/needsNullPaths``), the steps of the visitors' paths.
public struct CountedTouches: Sendable, Equatable {
    /// One step of a null path, consecutive repeats already collapsed: from the path's start (`from` nil) or a key,
    /// to a key or the path's end (`to` nil).
    public struct Step: Sendable, Hashable, Comparable {
        public var from: Int32?
        public var to: Int32?

        public init(from: Int32?, to: Int32?) {
            self.from = from
            self.to = to
        }

        public static func < (left: Step, right: Step) -> Bool {
            (left.from ?? -1, left.to ?? -1) < (right.from ?? -1, right.to ?? -1)
        }
    }

    /// Touches per key.
    public var byKey: [Int32: Int64] = [:]
    /// How many times each step was taken, by every counted visitor's path.
    public var steps: [Step: Int] = [:]

    public init() {}

    /// Adds `count` touches of one key.
    public mutating func addTouches(_ count: Int64, key: Int32) {
        byKey[key, default: 0] += count
    }

    /// Adds `count` touches of one key that follow a touch of `previous` (nil: the first of its visitor's path), the
    /// last of its visitor's path when `isLast`.
    public mutating func addPathTouches(_ count: Int64, key: Int32, previous: Int32?, isLast: Bool) {
        byKey[key, default: 0] += count
        if previous != key { steps[Step(from: previous, to: key), default: 0] += Int(count) }
        if isLast { steps[Step(from: key, to: nil), default: 0] += Int(count) }
    }

    /// The same counts under other keys: `mapping[old]` is each key's new index.
    public mutating func rekey(_ mapping: [Int32]) {
        var touches: [Int32: Int64] = [:]
        for (key, count) in byKey { touches[mapping[Int(key)], default: 0] += count }
        var moved: [Step: Int] = [:]
        for (step, count) in steps {
            let from = step.from.map { mapping[Int($0)] }
            let to = step.to.map { mapping[Int($0)] }
            // Two keys that become one: a step between them is a repeat, which paths collapse.
            guard from != to else { continue }
            moved[Step(from: from, to: to), default: 0] += count
        }
        byKey = touches
        steps = moved
    }
}
