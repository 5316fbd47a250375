import LeadTrailCore

/// What recording many requests in one write (an import of forms) reads once and leaves to the end of the write,
/// instead of doing it for every request.
///
/// Settings cannot change inside the write, so the duplicate window is read once; campaigns named by form touches
/// are looked up once each. Deals naming a contact are pointed at the lead their reference resolves to once, at the
/// end of the write (each store's import writer's `finish()`): a deal's lead is only ever read back by relinking, which resolves it from
/// the leads as they stand, so resolving every contact the file touched once at the end gives what resolving them
/// after each request gave.
package final class RequestWriting {
    /// The duplicate window (SPEC "Duplicates"), in microseconds.
    package let window: Int64
    /// Whether any deal names its lead by reference (email, phone, external id): only then are the requests'
    /// contacts noted for relinking at the end. SQLite: no deal arrives inside a write of requests, so it stays true
    /// or false. PostgreSQL passes true (another writer may add deals meanwhile) and looks again at the end.
    package let dealsNameLeads: Bool
    /// Campaign key → id, for the touches that requests add.
    package var campaigns: [String: Int64] = [:]
    /// The normalised emails and phones of the requests recorded so far.
    package private(set) var contacts: Set<String> = []
    /// The external ids of the requests recorded so far.
    package private(set) var externalIDs: Set<String> = []
    /// The keys of requests this write found recorded already with the same content (skipped), in order: kept at
    /// the end of the write as this batch's versions of them (``noteFoundSame(_:)``), so that undoing the batch that
    /// recorded one first leaves it standing while this batch does, as undoing does for clicks, deals and spend.
    package private(set) var foundSame: [String] = []
    /// The chunk's people, read before its first request
    /// (the import writer's `expectSubmissions(_:keys:contentHashes:)`); nil when the importer did not say, or once
    /// a request took a path that judges people again from the database (until the next chunk reads them again).
    package private(set) var people: RequestPeople?

    /// Starts judging the file's requests from ``RequestPeople`` (read a moment ago).
    package func judgeInMemory(_ people: RequestPeople) {
        self.people = people
    }

    /// Goes back to judging from the database: a request is about to judge people again there, which may move leads
    /// around in ways ``people`` would not follow.
    package func judgeFromDatabase() {
        people = nil
    }

    package init(window: Int64, dealsNameLeads: Bool) {
        self.window = window
        self.dealsNameLeads = dealsNameLeads
    }

    /// Notes a request found recorded with the same content (``foundSame``); the store keeps it at the end of the
    /// write only when another batch recorded it.
    package func noteFoundSame(_ key: String) {
        foundSame.append(key)
    }

    /// Notes the contacts and external id of a request whose deals are to be relinked at the end (nothing when no
    /// deal names a lead by reference).
    package func noteReferences(email: String?, phone: String?, externalID: String?) {
        guard dealsNameLeads else { return }
        if let email { contacts.insert(email) }
        if let phone { contacts.insert(phone) }
        if let externalID { externalIDs.insert(externalID) }
    }
}
