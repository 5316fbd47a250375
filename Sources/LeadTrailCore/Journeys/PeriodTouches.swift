/// Every touch dated in a report period, grouped by visitor, each group ordered by time then record key.
///
/// Kept as flat arrays, because a year holds millions: Markov's null paths and the `touches` figure of
/// `report roas` read them.
public struct PeriodTouches: Sendable {
    /// The store's touch ids.
    public var ids: [Int64] = []
    /// Each touch's report key: its own value in the dimension, or its own date for `month`, `week` and `day`.
    public var keys: [Int32] = []
    /// Where each visitor's group ends in ``ids`` and ``keys``.
    public var visitorEnds: [Int] = []

    public init() {}

    /// The touches' positions, one range per visitor.
    public var visitorRanges: [Range<Int>] {
        var start = 0
        return visitorEnds.map { end in
            defer { start = end }
            return start..<end
        }
    }
}
