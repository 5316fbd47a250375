import GRDB
import LeadTrailCore

extension SQLiteImportWriter {
    /// A form submission: recorded as the person's request, then the person's leads are judged again.
    func addSubmission(_ request: NewLead, key: String, contentHash: String) throws -> WriteOutcome {
        try SQLiteStore.recordRequest(
            db, request, key: key, contentHash: contentHash, batchID: batchID, writing: try requestWriting()
        ).outcome
    }

    /// Reads once what judging a chunk of requests needs (``RequestPeople``), instead of three queries a request.
    /// Read after the previous chunk's writes, in the same transaction, it answers what those queries would.
    func expectSubmissions(_ requests: [NewLead], keys: [String], contentHashes: [String]) throws {
        let writing = try requestWriting()
        writing.judgeInMemory(
            try RequestPeople(
                requests: requests, keys: keys, contentHashes: contentHashes, from: SQLiteRequestPeopleSource(db: db)))
    }
}

/// What became of a recorded request: its write outcome and the lead it is on now.
struct RecordedRequest {
    var outcome: WriteOutcome
    var leadID: Int64
}

/// One stored request, as judging reads it back.
struct StoredRequest {
    var key: String
    var leadID: Int64
    var createdLead: Bool
    var batchID: Int64?
    var at: Int64
    var name: String?
    var email: String?
    var phone: String?
    var form: String?
    var source: String?
    var owner: String?
    var externalID: String?
    var fields: String?
    var visitor: String?
    var touchKey: String?
    var createdBy: String?
    var pinnedLead: Int64?

    init(row: Row) {
        key = row["record_key"]
        leadID = row["lead_id"]
        createdLead = row["created_lead"]
        batchID = row["batch_id"]
        at = row["at"] ?? 0
        name = row["name"]
        email = row["email"]
        phone = row["phone"]
        form = row["form"]
        source = row["source"]
        owner = row["owner"]
        externalID = row["external_id"]
        fields = row["fields"]
        visitor = row["visitor"]
        touchKey = row["touch_key"]
        createdBy = row["created_by"]
        pinnedLead = row["pinned_lead"]
    }

    var contacts: [String] {
        [email.map { "email:" + $0 }, phone.map { "phone:" + $0 }].compactMap { $0 }
    }

    /// What a repeat request's event says: how it came, and the name and contacts it gave.
    var repeatDetail: String? {
        Self.repeatDetail(form: form, source: source, name: name, email: email, phone: phone)
    }

    static func repeatDetail(form: String?, source: String?, name: String?, email: String?, phone: String?) -> String? {
        let parts = [form ?? source, name, email, phone].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}

extension SQLiteStore {
    static let requestColumns = """
        record_key, lead_id, created_lead, batch_id, at, name, email, phone, form, source, owner, external_id, fields,
        visitor, touch_key, created_by, pinned_lead
        """

    /// Records a request from a person — a form submission or `lead add` — and judges that person's leads again
    /// from all of their requests (SPEC "Duplicates", "Order independence").
    ///
    /// A request under a key already recorded with the same content changes nothing; with other content it replaces
    /// what the request said (saved for undo) and the person is judged again.
    ///
    /// With `writing` (an import's many requests in one write), settings and campaigns are read once and the deals
    /// naming the request's contacts are relinked at the end of the write (``RequestWriting``); without, at once.
    static func recordRequest(
        _ db: Database, _ request: NewLead, key: String, contentHash: String, batchID: Int64?,
        writing: RequestWriting? = nil
    ) throws -> RecordedRequest {
        let email = request.email?.normalized
        let phone = request.phone?.e164
        let at = request.createdAt.microseconds
        let people = writing?.people
        let known = people?.stored(key, contentHash: contentHash) ?? .probe
        if case .same(let lead) = known {
            writing?.noteFoundSame(key)
            return RecordedRequest(outcome: .skipped, leadID: lead)
        }
        if case .probe = known,
            let existing = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT rowid, content_hash, \(requestColumns) FROM submission WHERE record_key = ?"),
                arguments: [key])
        {
            let old = StoredRequest(row: existing)
            if existing["content_hash"] as String == contentHash {
                if old.batchID != nil && old.batchID != batchID { writing?.noteFoundSame(key) }
                return RecordedRequest(outcome: .skipped, leadID: old.leadID)
            }
            // Judging the person again moves leads around: the file's people are read from the database from now on.
            writing?.judgeFromDatabase()
            if let batchID { try saveForUndo(db, batchID: batchID, table: "submission", rowid: existing["rowid"]) }
            try db.execute(
                sql: """
                    UPDATE submission SET content_hash = ?, at = ?, name = ?, email = ?, phone = ?, form = ?, source = ?,
                                          owner = ?, external_id = ?, fields = ?, visitor = ?, created_by = ?
                    WHERE record_key = ?
                    """,
                arguments: [
                    contentHash, at, request.name, email, phone, request.form, request.source, request.owner,
                    request.externalID, request.fieldsJSON, request.visitor, request.createdBy, key,
                ])
            var contacts = Set(old.contacts)
            if let email { contacts.insert("email:" + email) }
            if let phone { contacts.insert("phone:" + phone) }
            try rejudgePeople(db, contacts: contacts, leads: [old.leadID])
            return RecordedRequest(outcome: .updated, leadID: try requestRow(db, key: key).leadID)
        }
        let touchKey = request.context.flatMap { context in
            !context.utm.isEmpty || context.clickID != nil ? context.key : nil
        }
        let inPlace =
            try people?.canJudgeInPlace(email: email, phone: phone, at: at, key: key)
            ?? canJudgeInPlace(db, email: email, phone: phone, at: at, key: key)
        if inPlace {
            // Nothing of this person's comes after the request: judging it now against the leads as they stand is
            // what judging all of their requests gives, without reading them all again.
            let window = try writing?.window ?? duplicateWindow(db)
            let recent: Int64?
            if let people {
                recent = people.recentLead(email: email, phone: phone, from: at - window, to: at)
            } else {
                recent = try Int64.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT id FROM lead
                            WHERE (email = ? OR phone = ?) AND created_at BETWEEN ? AND ? AND forgotten_at IS NULL
                            ORDER BY created_at DESC, id DESC LIMIT 1
                            """), arguments: [email, phone, at - window, at])
            }
            let leadID = try recent ?? insertLeadRow(db, request, batchID: batchID)
            people?.recorded(key: key, email: email, phone: phone, at: at, newLead: recent == nil ? leadID : nil)
            try insertSubmission(
                db, request, key: key, contentHash: contentHash, lead: leadID, origin: recent == nil,
                touchKey: touchKey, batchID: batchID)
            try linkVisitor(db, lead: leadID, visitor: request.visitor, batchID: batchID)
            if recent != nil {
                var event = try BoundStatement(
                    db,
                    sql: "INSERT INTO lead_event (lead_id, at, kind, detail, batch_id) VALUES (?, ?, 'duplicate', ?, ?)"
                )
                event.bind(leadID)
                event.bind(at)
                event.bind(
                    StoredRequest.repeatDetail(
                        form: request.form, source: request.source, name: request.name, email: email, phone: phone))
                event.bind(batchID)
                try event.execute()
            }
            try addRequestTouch(db, request, lead: leadID, batchID: batchID, writing: writing)
            if let writing {
                writing.noteReferences(email: email, phone: phone, externalID: request.externalID)
            } else {
                try relinkDeals(
                    db, references: references(contacts: [email, phone], externalIDs: [request.externalID]),
                    batchID: nil)
            }
            return RecordedRequest(outcome: recent == nil ? .imported : .duplicate, leadID: leadID)
        }
        // The request comes before some of the person's: it goes on a lead of its own for now, and judging the
        // person's requests again settles where it belongs.
        writing?.judgeFromDatabase()
        let provisional = try insertLeadRow(db, request, batchID: batchID)
        try insertSubmission(
            db, request, key: key, contentHash: contentHash, lead: provisional, origin: true,
            touchKey: touchKey, batchID: batchID)
        try addRequestTouch(db, request, lead: provisional, batchID: batchID, writing: writing)
        try rejudgePeople(
            db, contacts: Set([email.map { "email:" + $0 }, phone.map { "phone:" + $0 }].compactMap { $0 }),
            leads: [provisional], fresh: [provisional])
        let stored = try requestRow(db, key: key)
        return RecordedRequest(outcome: stored.createdLead ? .imported : .duplicate, leadID: stored.leadID)
    }

    /// The duplicate window (SPEC "Duplicates") in microseconds, as the settings say now.
    static func duplicateWindow(_ db: Database) throws -> Int64 {
        Int64(try settings(db).duplicateWindowDays) * 86_400 * 1_000_000
    }

    /// Whether a new request can be judged against the leads as they stand: none of the person's requests that share
    /// its email or phone comes after it, and none of them is pinned by a merge.
    private static func canJudgeInPlace(_ db: Database, email: String?, phone: String?, at: Int64, key: String) throws
        -> Bool
    {
        guard email != nil || phone != nil else { return true }
        let blocking = try Bool.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT EXISTS (
                        SELECT 1 FROM submission
                        WHERE (email = ? OR phone = ?)
                          AND (at > ? OR (at = ? AND record_key > ?) OR pinned_lead IS NOT NULL))
                    """), arguments: [email, phone, at, at, key])
        return blocking == false
    }

    private static func insertSubmission(
        _ db: Database, _ request: NewLead, key: String, contentHash: String, lead: Int64, origin: Bool,
        touchKey: String?, batchID: Int64?
    ) throws {
        var insert = try BoundStatement(
            db,
            sql: """
                INSERT INTO submission (record_key, lead_id, content_hash, created_lead, batch_id, at, name, email, phone,
                                        form, source, owner, external_id, fields, visitor, touch_key, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        insert.bind(key)
        insert.bind(lead)
        insert.bind(contentHash)
        insert.bind(origin)
        insert.bind(batchID)
        insert.bind(request.createdAt.microseconds)
        insert.bindRequestFields(request)
        insert.bind(request.visitor)
        insert.bind(touchKey)
        insert.bind(request.createdBy)
        try insert.execute()
    }

    /// A new lead row made from the request that creates it, with its first stage.
    private static func insertLeadRow(_ db: Database, _ request: NewLead, batchID: Int64?) throws -> Int64 {
        let at = request.createdAt.microseconds
        var insert = try BoundStatement(
            db,
            sql: """
                INSERT INTO lead (id, created_at, name, email, phone, form, source, owner, stage, external_id, fields,
                                  batch_id)
                VALUES (\(SQLDialect.sqlite.nextLeadID), ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)
                """)
        insert.bind(at)
        insert.bindRequestFields(request)
        insert.bind(batchID)
        try insert.execute()
        let id = db.lastInsertedRowID
        var stage = try BoundStatement(
            db,
            sql:
                "INSERT INTO stage_change (lead_id, from_stage, to_stage, at, changed_by) VALUES (?, NULL, 'new', ?, ?)"
        )
        stage.bind(id)
        stage.bind(at)
        stage.bind(request.createdBy)
        try stage.execute()
        return id
    }

    private static func requestRow(_ db: Database, key: String) throws -> StoredRequest {
        StoredRequest(
            row: try Row.fetchOne(
                db, sql: "SELECT \(requestColumns) FROM submission WHERE record_key = ?", arguments: [key])!)
    }

    /// The deal references (`LeadReference.hashText`) that name a person by these contacts or external ids.
    static func references(contacts: [String?], externalIDs: [String?]) throws -> [String] {
        var references = Set<String>()
        for contact in contacts.compactMap({ $0 }) {
            if contact.contains("@") {
                references.insert(LeadReference.email(try Email(parsing: contact)).hashText)
            } else {
                references.insert(LeadReference.phone(Phone(stored: contact)).hashText)
            }
        }
        for external in externalIDs.compactMap({ $0 }) {
            references.insert(LeadReference.externalID(external).hashText)
        }
        return references.sorted()
    }

    /// Judges again the leads of every person who has a request with one of these contacts (`email:…`, `phone:…`),
    /// from all of their requests: the one rule of SPEC "Duplicates" applied in time order, whatever order the
    /// requests were recorded in.
    ///
    /// Call it whenever a person's requests change: a request recorded or changed, a merge, the undo of a forms
    /// batch (remove the batch's requests first, then pass their contacts and the leads they were on as `leads`).
    ///
    /// Leads that still stand keep their ids and everything done by hand on them. A lead whose request became a
    /// repeat on another lead is retired into that lead: its deals, hand-made stage history (when the other lead
    /// has none), owner, hand-linked visitors and events move there, and its id points on to it (`lead show` of the
    /// old id says where). A lead left with no request at all (its batch undone) is removed and its deals wait for
    /// their lead again. `fresh` names leads made a moment ago for a request still to be judged: they go quietly.
    static func rejudgePeople(
        _ db: Database, contacts: Set<String>, leads extraLeads: Set<Int64> = [], fresh: Set<Int64> = []
    ) throws {
        // The people: every request reachable through a shared email or phone, or through a merge — every request
        // on a merged lead (pinned to it) belongs to the person, whatever its contacts, so that judging Борис again
        // after `lead merge Анна Борис` still sees Анна's own requests on the lead.
        var pending = Array(contacts)
        var seenContacts = Set(contacts)
        var pendingPins = Array(extraLeads)
        var seenPins = Set(extraLeads)
        var requests: [String: StoredRequest] = [:]
        while !pending.isEmpty || !pendingPins.isEmpty {
            let rows: [Row]
            if let contact = pending.popLast() {
                let column = contact.hasPrefix("email:") ? "email" : "phone"
                let value = String(contact.drop { $0 != ":" }.dropFirst())
                rows = try Row.fetchAll(
                    db, sql: "SELECT \(requestColumns) FROM submission WHERE \(column) = ?", arguments: [value])
            } else {
                let pin = pendingPins.removeLast()
                rows = try Row.fetchAll(
                    db, sql: "SELECT \(requestColumns) FROM submission WHERE lead_id = ? AND pinned_lead = ?",
                    arguments: [pin, pin])
            }
            for row in rows {
                let request = StoredRequest(row: row)
                guard requests[request.key] == nil else { continue }
                requests[request.key] = request
                for other in request.contacts where seenContacts.insert(other).inserted { pending.append(other) }
                if let pin = request.pinnedLead, seenPins.insert(pin).inserted { pendingPins.append(pin) }
            }
        }
        let stored = requests.values.sorted { ($0.at, $0.key) < ($1.at, $1.key) }
        var leadIDs = extraLeads
        for request in stored { leadIDs.insert(request.leadID) }
        // Merged leads stay; a pin to a lead that no longer exists is no pin.
        var standing = Set<Int64>()
        for id in leadIDs.union(stored.compactMap(\.pinnedLead)).sorted()
        where try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM lead WHERE id = ?)", arguments: [id]) == true {
            standing.insert(id)
        }
        let window = try duplicateWindow(db)
        let judged = DuplicateRule(windowMicroseconds: window).judge(
            stored.map {
                PersonRequest(
                    key: $0.key, at: Timestamp(microseconds: $0.at), email: $0.email, phone: $0.phone,
                    pinnedLead: $0.pinnedLead.flatMap { standing.contains($0) ? $0 : nil })
            })

        // Which standing lead each judged lead is: a merged lead is its pin; otherwise, of the leads whose creating
        // request it holds (or, for a lead whose creating request is gone, its earliest remaining request), the
        // oldest id — the one people have known longest. A new judged lead gets a new id.
        var groupOf: [String: Int] = [:]
        for (index, lead) in judged.enumerated() {
            for request in lead.requests { groupOf[stored[request].key] = index }
        }
        var claims: [Int: [(rank: Int, id: Int64)]] = [:]
        for (index, lead) in judged.enumerated() {
            if let pin = lead.pinnedLead { claims[index] = [(0, pin)] }
        }
        let pinnedIDs = Set(judged.compactMap(\.pinnedLead))
        for id in leadIDs.subtracting(pinnedIDs).sorted() where standing.contains(id) {
            let own = stored.filter { $0.leadID == id }
            if let claimed = own.first(where: \.createdLead) ?? own.first, let group = groupOf[claimed.key],
                judged[group].pinnedLead == nil
            {
                claims[group, default: []].append((fresh.contains(id) ? 2 : 1, id))
            }
        }
        var leadOfGroup: [Int64] = []
        for (index, lead) in judged.enumerated() {
            if let winner = claims[index]?.min(by: { ($0.rank, $0.id) < ($1.rank, $1.id) }) {
                leadOfGroup.append(winner.id)
            } else {
                let origin = stored[lead.origin]
                leadOfGroup.append(try insertLeadRow(db, origin.newLead, batchID: origin.batchID))
            }
        }
        // Every request on its lead.
        for (index, lead) in judged.enumerated() {
            for request in lead.requests {
                try db.execute(
                    sql: "UPDATE submission SET lead_id = ?, created_lead = ? WHERE record_key = ?",
                    arguments: [leadOfGroup[index], request == lead.origin, stored[request].key])
            }
        }
        // Leads no judged lead is: retired into the lead their creating request is on now, or removed.
        let kept = Set(leadOfGroup)
        for id in standing.subtracting(kept).sorted() {
            if fresh.contains(id) {
                try db.execute(sql: "DELETE FROM lead WHERE id = ?", arguments: [id])
                continue
            }
            let own = stored.filter { $0.leadID == id }
            let into = (own.first(where: \.createdLead) ?? own.first).flatMap { groupOf[$0.key] }.map {
                leadOfGroup[$0]
            }
            if let into {
                try retire(db, lead: id, into: into)
            } else {
                try db.execute(sql: "UPDATE deal SET lead_id = NULL WHERE lead_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM lead WHERE id = ?", arguments: [id])
            }
        }
        // Each lead as its creating request made it; repeats recorded on it.
        for (index, lead) in judged.enumerated() {
            let id = leadOfGroup[index]
            let origin = stored[lead.origin]
            if lead.pinnedLead == nil {
                try db.execute(
                    sql: """
                        UPDATE lead SET created_at = ?, name = ?, email = ?, phone = ?, form = ?, source = ?,
                                        external_id = ?, fields = ?, batch_id = ?,
                                        owner = CASE WHEN owner_by_hand = 1 THEN owner ELSE ? END
                        WHERE id = ? AND forgotten_at IS NULL
                        """,
                    arguments: [
                        origin.at, origin.name, origin.email, origin.phone, origin.form, origin.source,
                        origin.externalID, origin.fields, origin.batchID, origin.owner, id,
                    ])
            } else {
                try db.execute(sql: "UPDATE lead SET created_at = ? WHERE id = ?", arguments: [origin.at, id])
            }
            try db.execute(
                sql: "UPDATE stage_change SET at = ?, changed_by = ? WHERE lead_id = ? AND from_stage IS NULL",
                arguments: [origin.at, origin.createdBy, id])
        }
        let allLeads = Array(kept)
        let marks = databaseQuestionMarks(count: allLeads.count)
        try db.execute(
            sql: "DELETE FROM lead_visitor WHERE by_hand = 0 AND lead_id IN (\(marks))",
            arguments: StatementArguments(allLeads))
        try db.execute(
            sql: "DELETE FROM lead_event WHERE kind = 'duplicate' AND lead_id IN (\(marks))",
            arguments: StatementArguments(allLeads))
        for (index, lead) in judged.enumerated() {
            let id = leadOfGroup[index]
            for position in lead.requests {
                let request = stored[position]
                if let visitor = request.visitor, !visitor.isEmpty {
                    try linkVisitor(db, lead: id, visitor: visitor, batchID: request.batchID)
                } else if let touchKey = request.touchKey,
                    try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM touch WHERE record_key = ?)", arguments: [touchKey])
                        == true
                {
                    // A request without a visitor has its touch on the synthetic visitor of the lead it is on.
                    let synthetic = "lead:\(id)"
                    try linkVisitor(db, lead: id, visitor: synthetic, batchID: request.batchID)
                    try db.execute(
                        sql:
                            "UPDATE touch SET visitor = ? WHERE record_key = ? AND visitor <> ? AND visitor LIKE 'lead:%'",
                        arguments: [synthetic, touchKey, synthetic])
                }
                if position != lead.origin {
                    try db.execute(
                        sql:
                            "INSERT INTO lead_event (lead_id, at, kind, detail, batch_id) VALUES (?, ?, 'duplicate', ?, ?)",
                        arguments: [id, request.at, request.repeatDetail, request.batchID])
                }
            }
        }
        // Deals naming any of these contacts — those the person's requests still give, and those they gave before
        // (an undone request may have been the only one with that email) — point where their reference leads now.
        try relinkDeals(
            db,
            references: references(
                contacts: seenContacts.map { String($0.drop { $0 != ":" }.dropFirst()) },
                externalIDs: stored.map(\.externalID)),
            batchID: nil)
    }

    /// Folds a lead whose creating request became a repeat into the lead that request is on now, keeping what was
    /// done on it by hand, and leaves its id pointing there.
    private static func retire(_ db: Database, lead id: Int64, into target: Int64) throws {
        try db.execute(sql: "UPDATE deal SET lead_id = ? WHERE lead_id = ?", arguments: [target, id])
        let handChanges = "SELECT COUNT(*) FROM stage_change WHERE lead_id = ? AND from_stage IS NOT NULL"
        if try Int.fetchOne(db, sql: handChanges, arguments: [target]) == 0,
            try Int.fetchOne(db, sql: handChanges, arguments: [id]) ?? 0 > 0
        {
            try db.execute(
                sql: "UPDATE stage_change SET lead_id = ? WHERE lead_id = ? AND from_stage IS NOT NULL",
                arguments: [target, id])
            try db.execute(
                sql: "UPDATE lead SET stage = (SELECT stage FROM lead WHERE id = ?) WHERE id = ?",
                arguments: [id, target])
        }
        try db.execute(
            sql: """
                UPDATE lead SET owner = (SELECT owner FROM lead WHERE id = ?), owner_by_hand = 1
                WHERE id = ? AND owner_by_hand = 0 AND (SELECT owner_by_hand FROM lead WHERE id = ?) = 1
                """, arguments: [id, target, id])
        try db.execute(
            sql: """
                INSERT INTO lead_visitor (lead_id, visitor, batch_id, by_hand)
                SELECT ?, visitor, batch_id, 1 FROM lead_visitor WHERE lead_id = ? AND by_hand = 1
                ON CONFLICT (lead_id, visitor) DO UPDATE SET by_hand = 1
                """, arguments: [target, id])
        try db.execute(
            sql: "UPDATE lead_event SET lead_id = ? WHERE lead_id = ? AND kind <> 'duplicate'", arguments: [target, id])
        try db.execute(sql: "UPDATE submission SET pinned_lead = ? WHERE pinned_lead = ?", arguments: [target, id])
        try redirect(db, lead: id, to: target, reason: "repeat")
        try db.execute(
            sql:
                "INSERT INTO lead_event (lead_id, at, kind, detail) VALUES (?, (SELECT created_at FROM lead WHERE id = ?), 'rejudged', ?)",
            arguments: [
                target, id, "lead \(id) was created by a request that is a repeat on this lead; it became this lead",
            ])
        try db.execute(sql: "DELETE FROM lead WHERE id = ?", arguments: [id])
    }

    /// Leaves a removed lead id pointing at the lead that took its place, and so every id that pointed at it.
    static func redirect(_ db: Database, lead id: Int64, to target: Int64, reason: String) throws {
        try db.execute(
            sql: "UPDATE lead_redirect SET now_lead_id = ? WHERE now_lead_id = ?", arguments: [target, id])
        try db.execute(
            sql: "INSERT OR REPLACE INTO lead_redirect (lead_id, now_lead_id, reason) VALUES (?, ?, ?)",
            arguments: [id, target, reason])
        try db.execute(sql: "DELETE FROM lead_redirect WHERE lead_id = now_lead_id")
    }

    /// Keeps a copy of each request this batch found recorded by another batch with the same content, as a request
    /// it changed is kept: undoing the batch that recorded it first hands it to this one
    /// (``SQLStore/spliceRequestVersions(_:batchID:)``) instead of removing it.
    static func keepFoundSameRequests(_ db: Database, _ keys: [String], batchID: Int64) throws {
        guard !keys.isEmpty else { return }
        let owned = try db.cachedStatement(
            sql: "SELECT rowid FROM submission WHERE record_key = ? AND batch_id IS NOT NULL AND batch_id <> ?")
        var seen = Set<String>()
        for key in keys where seen.insert(key).inserted {
            guard let rowid = try Int64.fetchOne(owned, arguments: [key, batchID]) else { continue }
            try saveForUndo(db, batchID: batchID, table: "submission", rowid: rowid)
        }
    }

    /// Undoes the requests a forms batch recorded: requests it changed get back what they said, requests it added
    /// go, and every person concerned is judged again from the requests still standing — so the leads are those of
    /// importing only the batches still standing. Lead rows are never restored from copies: judging makes them.
    static func undoRequests(_ db: Database, batchID: Int64) throws {
        var contacts = Set<String>()
        var leads = Set<Int64>()
        for row in try Row.fetchAll(
            db, sql: "SELECT \(requestColumns) FROM submission WHERE batch_id = ?", arguments: [batchID])
        {
            let request = StoredRequest(row: row)
            contacts.formUnion(request.contacts)
            leads.insert(request.leadID)
        }
        try spliceRequestVersions(SQLiteTransaction(db), batchID: batchID)
        let saved = try Row.fetchAll(
            db,
            sql:
                "SELECT id, row_data FROM batch_undo WHERE batch_id = ? AND table_name = 'submission' ORDER BY id DESC",
            arguments: [batchID])
        for entry in saved {
            let json: String = entry["row_data"]
            let key = try String.fetchOne(db, sql: "SELECT json_extract(?, '$.record_key')", arguments: [json]) ?? ""
            let current = try requestRow(db, key: key)
            contacts.formUnion(current.contacts)
            leads.insert(current.leadID)
            // The lead the request was on may have gone since; it is on the lead it is on now until judged again.
            let patched = try String.fetchOne(
                db,
                sql: """
                    SELECT json_set(?, '$.lead_id',
                                    (SELECT lead_id FROM submission WHERE rowid = json_extract(?, '$.rowid')))
                    """, arguments: [json, json])!
            try restoreRow(db, table: "submission", json: patched)
            contacts.formUnion(try requestRow(db, key: key).contacts)
            try db.execute(sql: "DELETE FROM batch_undo WHERE id = ?", arguments: [entry["id"]])
        }
        try db.execute(sql: "DELETE FROM submission WHERE batch_id = ?", arguments: [batchID])
        try rejudgePeople(db, contacts: contacts, leads: leads)
    }
}

extension StoredRequest {
    /// The request as a new lead row takes it.
    var newLead: NewLead {
        NewLead(
            createdAt: Timestamp(microseconds: at), name: name, email: email.flatMap { try? Email(parsing: $0) },
            phone: phone.map(Phone.init(stored:)), form: form, source: source, owner: owner,
            externalID: externalID, fieldsJSON: fields, visitor: visitor, createdBy: createdBy)
    }
}

extension BoundStatement {
    /// Binds what a request said, in the column order `submission` and `lead` share: name, email, phone, form,
    /// source, owner, external id, fields.
    fileprivate mutating func bindRequestFields(_ request: NewLead) {
        bind(request.name)
        bind(request.email?.normalized)
        bind(request.phone?.e164)
        bind(request.form)
        bind(request.source)
        bind(request.owner)
        bind(request.externalID)
        bind(request.fieldsJSON)
    }
}
