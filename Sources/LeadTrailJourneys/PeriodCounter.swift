public import LeadTrailCore

/// Counts the period touches that no journey can hold (``PeriodTouches/counted``) from what a store reads of them:
/// the columns their report key depends on, never their ids or visitors.
///
/// Whatever order a store hands them in, the keys are met in one order (the columns' own, ``RawTouchKey``), so two
/// stores that count the same touches build the same key table.
///
/// ```swift
/// var counter = PeriodCounter()
/// counter.add(RawTouchKey(channelPosition: 2, campaignID: 7), previous: nil, isLast: true, count: 40)
/// result.counted = counter.counted(keys: &touchKeys)
/// ```
public struct PeriodCounter: Sendable {
    private var touches: [RawTouchKey: Int64] = [:]
    private var steps: [RawStep: Int64] = [:]

    public init() {}

    /// Whether a scope's period touches can be counted rather than listed: every dimension but the time ones, whose
    /// key is a touch's own date.
    public static func counts(_ scope: ReportScope) -> Bool {
        scope.needsPeriodTouches && scope.countsPeriodTouches && !scope.dimension.isConversionTime
    }

    /// Adds `count` touches with these columns (a report of counts: no null paths).
    public mutating func add(_ touch: RawTouchKey, count: Int64) {
        touches[touch, default: 0] += count
    }

    /// Adds `count` touches with these columns that follow a touch with `previous`'s (nil: the first of a visitor's
    /// period touches), each the last of its visitor's when `isLast`.
    public mutating func add(_ touch: RawTouchKey, previous: RawTouchKey?, isLast: Bool, count: Int64) {
        steps[RawStep(previous: previous, touch: touch, isLast: isLast), default: 0] += count
    }

    /// The counts under the report's keys, adding the keys met to `keys` in the columns' order.
    public func counted(keys: inout TouchKeys) -> CountedTouches {
        var counted = CountedTouches()
        for touch in touches.keys.sorted() {
            counted.addTouches(touches[touch] ?? 0, key: keys.key(of: touch))
        }
        for step in steps.keys.sorted() {
            let previous = step.previous.map { keys.key(of: $0) }
            counted.addPathTouches(
                steps[step] ?? 0, key: keys.key(of: step.touch), previous: previous, isLast: step.isLast)
        }
        return counted
    }

    private struct RawStep: Hashable, Comparable {
        var previous: RawTouchKey?
        var touch: RawTouchKey
        var isLast: Bool

        static func < (left: RawStep, right: RawStep) -> Bool {
            if left.previous != right.previous {
                guard let first = left.previous else { return true }
                guard let second = right.previous else { return false }
                return first < second
            }
            if left.touch != right.touch { return left.touch < right.touch }
            return !left.isLast && right.isLast
        }
    }
}

/// The columns of a touch that its report key depends on, outside the time dimensions: its channel's position in
/// `Channel.allCases` (``TouchKeys/channelPositionSQL(column:)``), its campaign, and its four raw UTM values when the
/// dimension groups by them (``TouchKeys/wantsUTM``; empty otherwise).
public struct RawTouchKey: Hashable, Comparable, Sendable {
    public var channelPosition: Int
    public var campaignID: Int64?
    /// Source, medium, content and term, or none.
    public var utm: [String?]

    public init(channelPosition: Int, campaignID: Int64?, utm: [String?] = []) {
        self.channelPosition = channelPosition
        self.campaignID = campaignID
        self.utm = utm
    }

    /// Channel, then campaign (none first), then each UTM value (none first, then by code points).
    public static func < (left: RawTouchKey, right: RawTouchKey) -> Bool {
        if left.channelPosition != right.channelPosition { return left.channelPosition < right.channelPosition }
        if left.campaignID != right.campaignID { return (left.campaignID ?? .min) < (right.campaignID ?? .min) }
        for (first, second) in zip(left.utm, right.utm) where first != second {
            guard let first else { return true }
            guard let second else { return false }
            return Array(first.utf8).lexicographicallyPrecedes(second.utf8)
        }
        return left.utm.count < right.utm.count
    }
}

extension TouchKeys {
    /// The report key of touches with these columns (outside the time dimensions).
    public mutating func key(of touch: RawTouchKey) -> Int32 {
        let utm = touch.utm
        return self.touch(
            id: 0, at: 0, isForm: false, channelPosition: touch.channelPosition, campaignID: touch.campaignID,
            utm: { utm.indices.contains($0.rawValue) ? utm[$0.rawValue] : nil }
        ).key
    }
}
