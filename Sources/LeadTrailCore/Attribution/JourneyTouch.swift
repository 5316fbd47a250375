/// One touch of a journey as attribution sees it: when it happened, whether it was a direct visit, and which report
/// key it belongs to.
///
/// Journeys are ordered by time, ties broken by the touch's record key in code-point order, so that the order of
/// imports never changes a credit. The key is an index into the report's table of keys, which keeps a year of
/// touches small in memory.
public struct JourneyTouch: Hashable, Sendable {
    public var at: Timestamp
    public var isDirect: Bool
    /// Index of the touch's key (campaign, channel, …) in the report's key table.
    public var key: Int32

    public init(at: Timestamp, isDirect: Bool, key: Int32) {
        self.at = at
        self.isDirect = isDirect
        self.key = key
    }
}
