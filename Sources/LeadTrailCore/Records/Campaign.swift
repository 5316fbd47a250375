/// An advertising campaign, named by its key: the normalised `utm_campaign` (trimmed, lowercased).
public struct Campaign: Hashable, Sendable {
    public var key: String
    public var name: String
    public var platform: Platform
    public var objective: Objective?
    public var budget: Money?
    public var starts: CalendarDate?
    public var ends: CalendarDate?
    /// True when a touch or spend row named a campaign nobody had added: data is never dropped for it.
    public var isAutoCreated: Bool

    public init(
        key: String, name: String, platform: Platform = .other, objective: Objective? = nil, budget: Money? = nil,
        starts: CalendarDate? = nil, ends: CalendarDate? = nil, isAutoCreated: Bool = false
    ) {
        self.key = key
        self.name = name
        self.platform = platform
        self.objective = objective
        self.budget = budget
        self.starts = starts
        self.ends = ends
        self.isAutoCreated = isAutoCreated
    }
}
