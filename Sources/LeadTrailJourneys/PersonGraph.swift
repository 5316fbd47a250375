/// Identity across leads (SPEC "Identity" and "Duplicates"): a lead's visitors are its own, those of the same
/// person's earlier leads (same normalised email or phone, followed backwards in time, transitively), and the
/// visitors that share a click id with any of them.
///
/// A store feeds it what identity can follow beyond a lead's own visitors — the leads whose email or phone another
/// lead shares, their own visitors, and the visitors linked by a shared click id — and asks for a lead's visitors.
public struct PersonGraph: Sendable {
    private var people: [Int64: (createdAt: Int64, email: String?, phone: String?)] = [:]
    private var byEmail: [String: [Int64]] = [:]
    private var byPhone: [String: [Int64]] = [:]
    private var ownVisitors: [Int64: [String]] = [:]
    private var clickLinks: [String: Set<String>] = [:]

    public init() {}

    /// Whether no lead shares a contact with another and no visitors share a click id: every journey is its lead's
    /// own visitors' touches.
    public var isEmpty: Bool { people.isEmpty && clickLinks.isEmpty }

    /// A lead whose email or phone (normalised; nil when no other lead shares it) another lead shares too.
    public mutating func addPerson(lead: Int64, createdAt: Int64, sharedEmail: String?, sharedPhone: String?) {
        guard sharedEmail != nil || sharedPhone != nil else { return }
        people[lead] = (createdAt, sharedEmail, sharedPhone)
        if let sharedEmail { byEmail[sharedEmail, default: []].append(lead) }
        if let sharedPhone { byPhone[sharedPhone, default: []].append(lead) }
    }

    /// Two visitors seen with the same click id: one person's browsers.
    public mutating func linkByClickID(_ visitor: String, _ other: String) {
        clickLinks[visitor, default: []].insert(other)
    }

    /// Whether a visitor shares a click id with another.
    public func hasClickLink(_ visitor: String) -> Bool { clickLinks[visitor] != nil }

    /// Whether a lead is one that identity can reach beyond its own visitors through a shared contact.
    public func isPerson(_ lead: Int64) -> Bool { people[lead] != nil }

    /// A lead's own visitors, for the leads identity may need them of (``isPerson(_:)``, or linked by a click id).
    public mutating func setOwnVisitors(_ visitors: [String], ofLead lead: Int64) { ownVisitors[lead] = visitors }

    /// Whether a lead's journey is more than its own visitors' touches.
    public func isMerged(_ lead: Int64) -> Bool { people[lead] != nil || ownVisitors[lead] != nil }

    /// A lead's visitors: its own and its person's earlier leads' (followed transitively backwards in time; leads of
    /// one instant by id), and the visitors sharing a click id with any of them, in code-point order.
    public func visitors(ofLead id: Int64) -> [String] {
        var person: Set<Int64> = [id]
        var frontier = [id]
        while let current = frontier.popLast() {
            guard let me = people[current] else { continue }
            var candidates: [Int64] = []
            if let email = me.email { candidates += byEmail[email] ?? [] }
            if let phone = me.phone { candidates += byPhone[phone] ?? [] }
            for other in candidates where !person.contains(other) {
                guard let them = people[other] else { continue }
                if them.createdAt < me.createdAt || (them.createdAt == me.createdAt && other < current) {
                    person.insert(other)
                    frontier.append(other)
                }
            }
        }
        var visitors = Set<String>()
        for lead in person { visitors.formUnion(ownVisitors[lead] ?? []) }
        var linked = visitors
        for visitor in visitors { linked.formUnion(clickLinks[visitor] ?? []) }
        return linked.sorted()
    }
}
