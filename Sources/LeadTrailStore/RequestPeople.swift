import LeadTrailCore

/// What ``RequestPeople`` reads from a store, each in as few queries as the store likes (SQLite: `IN` lists of a few
/// hundred; PostgreSQL: one array a query).
package protocol RequestPeopleSource {
    /// Each stored request under one of `keys`: its key, content hash and lead.
    func storedRequests(keys: [String], _ each: (_ key: String, _ contentHash: String, _ leadID: Int64) -> Void) throws
    /// Each stored request whose `column` (`email` or `phone`) is one of `values`: that value, its time, its key and
    /// whether it is pinned by a merge.
    func requests(
        by column: String, in values: [String],
        _ each: (_ value: String, _ at: Int64, _ key: String, _ pinned: Bool) -> Void) throws
    /// Each lead not forgotten whose `column` (`email` or `phone`) is one of `values`: that value, its creation time
    /// and its id.
    func leads(by column: String, in values: [String], _ each: (_ value: String, _ createdAt: Int64, _ id: Int64) -> Void)
        throws
}

/// What an import of forms needs to judge each request of a chunk in place, read once for the chunk and kept up to
/// date in memory as its requests are recorded: which of the chunk's keys are stored already, and, for every email
/// and phone its requests name, the latest stored request of it (whether one is pinned by a merge) and the leads that
/// carry it.
///
/// It answers exactly what the per-request queries of each store's `recordRequest` answer — "is the key stored?", "does a request of this person come after this one, or is one pinned?", "the
/// person's latest lead within the duplicate window" — as long as only requests judged in place were written since it
/// was read. A request that takes any other path (a changed request, one that comes before some of the person's)
/// judges people again from the database and may move leads around: the writer then drops this for the rest of the
/// chunk and goes back to the queries; the next chunk reads its people afresh.
package final class RequestPeople {
    /// The latest stored request of a contact, by (time, key), and whether any of its requests is pinned.
    private struct Latest {
        var at: Int64
        var key: String
        var pinned: Bool
    }

    /// The chunk's keys that a request already stored has (with its content hash and its lead), and those recorded
    /// since (without: they are probed, as they were just written).
    private var storedKeys: [String: (contentHash: String, leadID: Int64)?] = [:]
    private var latest: [String: Latest] = [:]
    /// `email:…` / `phone:…` → the leads (creation time, id) whose email or phone it is, not forgotten.
    private var leads: [String: [(at: Int64, id: Int64)]] = [:]

    /// Reads what the chunk's requests need: the stored requests of their keys, then, for the requests not stored
    /// unchanged (a file imported again has none), the requests and leads of their normalised emails and phones.
    package init(
        requests: [NewLead], keys: [String], contentHashes: [String], from source: some RequestPeopleSource
    ) throws {
        try source.storedRequests(keys: keys) { key, contentHash, leadID in
            storedKeys[key] = (contentHash, leadID)
        }
        var emails = Set<String>()
        var phones = Set<String>()
        for (index, request) in requests.enumerated() {
            if index < keys.count, index < contentHashes.count,
                case .same = stored(keys[index], contentHash: contentHashes[index])
            {
                continue
            }
            if let email = request.email?.normalized { emails.insert(email) }
            if let phone = request.phone?.e164 { phones.insert(phone) }
        }
        for (column, values) in [("email", emails), ("phone", phones)] where !values.isEmpty {
            let list = values.sorted()
            try source.requests(by: column, in: list) { value, at, key, pinned in
                note(contact: column + ":" + value, at: at, key: key, pinned: pinned)
            }
            try source.leads(by: column, in: list) { value, createdAt, id in
                leads[column + ":" + value, default: []].append((createdAt, id))
            }
        }
    }

    private func note(contact: String, at: Int64, key: String, pinned: Bool) {
        if var known = latest[contact] {
            if (at, key) > (known.at, known.key) {
                known.at = at
                known.key = key
            }
            known.pinned = known.pinned || pinned
            latest[contact] = known
        } else {
            latest[contact] = Latest(at: at, key: key, pinned: pinned)
        }
    }

    /// The contacts of the request last asked about: a request asks three questions in a row with the same email
    /// and phone, and making `email:…`/`phone:…` costs an allocation each.
    private var lastContacts: (email: String?, phone: String?, contacts: [String]) = (nil, nil, [])

    private func contacts(email: String?, phone: String?) -> [String] {
        if lastContacts.email == email && lastContacts.phone == phone { return lastContacts.contacts }
        let made = [email.map { "email:" + $0 }, phone.map { "phone:" + $0 }].compactMap { $0 }
        lastContacts = (email, phone, made)
        return made
    }

    /// What is known of a stored request with this key: `.absent` (none), `.same(lead)` (stored with this content,
    /// on that lead) or `.probe` (stored otherwise, or written by this file: read it from the database).
    package func stored(_ key: String, contentHash: String) -> StoredKey {
        guard let known = storedKeys[key] else { return .absent }
        guard let known, known.contentHash == contentHash else { return .probe }
        return .same(lead: known.leadID)
    }

    /// See ``stored(_:contentHash:)``.
    package enum StoredKey {
        case absent, probe
        case same(lead: Int64)
    }

    /// Whether no request sharing the email or phone comes after (`at`, `key`) and none of them is pinned: the
    /// request can be judged against the leads as they stand.
    package func canJudgeInPlace(email: String?, phone: String?, at: Int64, key: String) -> Bool {
        for contact in contacts(email: email, phone: phone) {
            guard let known = latest[contact] else { continue }
            if known.pinned || (known.at, known.key) > (at, key) { return false }
        }
        return true
    }

    /// The latest lead, created between `from` and `to`, whose email or phone is the request's.
    package func recentLead(email: String?, phone: String?, from: Int64, to: Int64) -> Int64? {
        var best: (at: Int64, id: Int64)?
        for contact in contacts(email: email, phone: phone) {
            for lead in leads[contact] ?? [] where lead.at >= from && lead.at <= to {
                if best.map({ (lead.at, lead.id) > ($0.at, $0.id) }) ?? true { best = lead }
            }
        }
        return best?.id
    }

    /// Notes a request judged in place: its key, its time for its contacts, and the lead it created, if any.
    package func recorded(key: String, email: String?, phone: String?, at: Int64, newLead: Int64?) {
        storedKeys[key] = .some(nil)
        for contact in contacts(email: email, phone: phone) {
            note(contact: contact, at: at, key: key, pinned: false)
            if let newLead { leads[contact, default: []].append((at, newLead)) }
        }
    }
}
