/// Which leads `lead list` shows: every condition given must hold.
///
/// A pure rule, so every store filters alike: the store streams leads with their derived stage, this decides.
public struct LeadQuery: Sendable {
    /// Name, email, phone or external id (``LeadSearch``).
    public var search: LeadSearch?
    /// Created at or after.
    public var createdFrom: Timestamp?
    /// Created before.
    public var createdBefore: Timestamp?
    /// Any of these stages (the derived stage, ``LeadPipeline``); empty: any stage.
    public var stages: Set<Stage>
    /// The owner, ignoring case (Cyrillic too) and surrounding spaces.
    public var owner: String?
    /// Exactly this phone (`lead show` by phone): the lead's own, or one of its requests' (a repeat from another
    /// phone, a lead merged into it). The store matches it, since a lead alone does not know its requests.
    public var phone: Phone?
    /// Exactly this email, normalised (`lead show` by email), matched by the store as ``phone`` is.
    public var email: Email?

    public init(
        search: LeadSearch? = nil, createdFrom: Timestamp? = nil, createdBefore: Timestamp? = nil,
        stages: Set<Stage> = [], owner: String? = nil, phone: Phone? = nil, email: Email? = nil
    ) {
        self.search = search
        self.createdFrom = createdFrom
        self.createdBefore = createdBefore
        self.stages = stages
        self.owner = owner
        self.phone = phone
        self.email = email
    }

    /// Whether the lead, in the stage its pipeline gives it, is one to show.
    public func matches(_ lead: Lead, stage: Stage) -> Bool {
        if let createdFrom, lead.createdAt < createdFrom { return false }
        if let createdBefore, lead.createdAt >= createdBefore { return false }
        if !stages.isEmpty && !stages.contains(stage) { return false }
        if let owner, !Self.sameOwner(lead.owner, owner) { return false }
        if let search, !search.matches(lead) { return false }
        return true
    }

    /// `Иван`, `иван ` and `ИВАН` are one owner.
    public static func sameOwner(_ lhs: String?, _ rhs: String?) -> Bool {
        guard let lhs = lhs?.trimmingWhitespace(), let rhs = rhs?.trimmingWhitespace() else { return false }
        return LeadSearch.fold(lhs) == LeadSearch.fold(rhs)
    }
}
