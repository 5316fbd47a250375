/// A lead as reports see it: when it was created, where it stands, and every touch of its visitors.
public struct ReportLead: Sendable {
    public var id: Int64
    public var createdAt: Timestamp
    public var owner: String?
    public var stage: Stage
    /// The stage history, oldest first.
    public var history: [StageChange]
    /// The touches of the lead's visitors (its own, the same person's earlier leads', and visitors sharing a click
    /// id) within the loaded range, ordered by time then record key, with same-session repeats of a form removed.
    public var touches: [JourneyTouch]
    /// The store's id of each touch, parallel to ``touches``: Markov's null paths leave converting touches out.
    public var touchIDs: [Int64]

    public init(
        id: Int64, createdAt: Timestamp, owner: String?, stage: Stage, history: [StageChange],
        touches: [JourneyTouch], touchIDs: [Int64]
    ) {
        self.id = id
        self.createdAt = createdAt
        self.owner = owner
        self.stage = stage
        self.history = history
        self.touches = touches
        self.touchIDs = touchIDs
    }

    /// The positions of the touches with time in `(after, through]`: a conversion's journey.
    public func journeyRange(after start: Timestamp, through end: Timestamp) -> Range<Int> {
        func firstIndex(after time: Timestamp) -> Int {
            var low = 0
            var high = touches.count
            while low < high {
                let middle = (low + high) / 2
                if touches[middle].at <= time { low = middle + 1 } else { high = middle }
            }
            return low
        }
        let lower = firstIndex(after: start)
        return lower..<max(lower, firstIndex(after: end))
    }
}
