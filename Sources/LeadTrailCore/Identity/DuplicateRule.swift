/// SPEC "Duplicates": which of a person's requests create leads and which are repeats on them.
///
/// The rule is applied to all of a person's requests at once, in time order (ties by key), so the leads it gives
/// do not depend on the order the requests were imported in: a request is a repeat when its normalised email or
/// phone matches a lead created at most `window` before it (the most recently created such lead wins); otherwise
/// it creates a lead. A repeat does not change the lead's contacts.
///
/// Requests pinned by `lead merge` belong to their lead whatever their time: the lead starts at its earliest
/// pinned request, and every contact of its pinned requests is the lead's (a person may have several), so a later
/// request from the merged lead's phone is a repeat on the kept lead.
///
/// ```swift
/// // One phone on 09-01, 09-20 and 10-05 with a 30-day window: two leads, {09-01, 09-20} and {10-05}.
/// let leads = DuplicateRule(windowMicroseconds: 30 * 86_400_000_000).judge(requests)
/// ```
public struct DuplicateRule: Sendable {
    /// The duplicate window in microseconds (`duplicate-window` days × 86,400 s).
    public var windowMicroseconds: Int64

    public init(windowMicroseconds: Int64) {
        self.windowMicroseconds = windowMicroseconds
    }

    /// One lead the rule gives: its requests as indices into the judged array, the first being the one that
    /// created it (the lead's time and contacts are that request's).
    public struct JudgedLead: Sendable, Hashable {
        /// Indices into the requests, in time order; the first created the lead.
        public var requests: [Int]
        /// The lead a merge pinned these requests to, if any.
        public var pinnedLead: Int64?

        /// The index of the request that created the lead.
        public var origin: Int { requests[0] }
    }

    /// The leads of one person's requests, in order of creation.
    public func judge(_ requests: [PersonRequest]) -> [JudgedLead] {
        let order = requests.indices.sorted {
            (requests[$0].at, requests[$0].key) < (requests[$1].at, requests[$1].key)
        }
        // A merged lead answers to every contact of its pinned requests.
        var pinnedContacts: [Int64: Set<String>] = [:]
        for request in requests {
            guard let pin = request.pinnedLead else { continue }
            pinnedContacts[pin, default: []].formUnion(Self.contacts(of: request))
        }
        var leads: [JudgedLead] = []
        var createdAt: [Int64] = []
        var contacts: [Set<String>] = []
        var leadOfPin: [Int64: Int] = [:]
        for index in order {
            let request = requests[index]
            if let pin = request.pinnedLead {
                if let lead = leadOfPin[pin] {
                    leads[lead].requests.append(index)
                } else {
                    leadOfPin[pin] = leads.count
                    leads.append(JudgedLead(requests: [index], pinnedLead: pin))
                    createdAt.append(request.at.microseconds)
                    contacts.append(pinnedContacts[pin] ?? [])
                }
                continue
            }
            let own = Self.contacts(of: request)
            let earliest = request.at.microseconds - windowMicroseconds
            var match: Int?
            for lead in leads.indices.reversed()
            where createdAt[lead] >= earliest && createdAt[lead] <= request.at.microseconds
                && !contacts[lead].isDisjoint(with: own)
            {
                if match.map({ createdAt[lead] > createdAt[$0] }) ?? true { match = lead }
            }
            if let match {
                leads[match].requests.append(index)
            } else {
                leads.append(JudgedLead(requests: [index], pinnedLead: nil))
                createdAt.append(request.at.microseconds)
                contacts.append(own)
            }
        }
        return leads
    }

    private static func contacts(of request: PersonRequest) -> Set<String> {
        var contacts = Set<String>()
        if let email = request.email { contacts.insert("email:" + email) }
        if let phone = request.phone { contacts.insert("phone:" + phone) }
        return contacts
    }
}
