#if Postgres
import LeadTrailCore
import LeadTrailStore

/// What became of a recorded request: its write outcome and the lead it is on now.
struct PostgresRecordedRequest {
    var outcome: WriteOutcome
    var leadID: Int64
}

/// One stored request, as judging reads it back.
struct PostgresStoredRequest {
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

    init(row: SQLRow) {
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

extension PostgresStore {
    static let requestColumns = """
        record_key, lead_id, created_lead, batch_id, at, name, email, phone, form, source, owner, external_id, fields,
        visitor, touch_key, created_by, pinned_lead
        """

    /// ``requestColumns`` of the table aliased `stored`.
    static let prefixedRequestColumns = requestColumns.split(separator: ",")
        .map { "stored." + String($0).trimmingWhitespace() }.joined(separator: ", ")

    /// Records a request from a person — a form submission or `lead add` — and judges that person's leads again
    /// from all of their requests (SPEC "Duplicates", "Order independence").
    ///
    /// A request under a key already recorded with the same content changes nothing; with other content it replaces
    /// what the request said (saved for undo) and the person is judged again.
    ///
    /// With `writing` (an import's requests), the deals naming a request judged in place are relinked at the end of
    /// the write (``PostgresImportWriter/finish()``); without, at once.
    static func recordRequest(
        _ db: SQLConnection, _ request: NewLead, key: String, contentHash: String, batchID: Int64?,
        writing: RequestWriting? = nil
    ) throws -> PostgresRecordedRequest {
        let email = request.email?.normalized
        let phone = request.phone?.e164
        let at = request.createdAt.microseconds
        try lockPeople(db, [email.map { "email:" + $0 }, phone.map { "phone:" + $0 }].compactMap { $0 })
        // One round trip for what judging a new request asks first: the request under its key (if recorded already),
        // whether any of the person's requests comes after it or is pinned, and their lead inside the duplicate
        // window. The person's locks are held, so the answers are those three queries' one by one. The later
        // requests are asked by email and by phone apart: with `email = ? OR phone = ?` inside one `EXISTS`, the planner
        // of a table the import is filling (no statistics yet) scanned the whole table for every form.
        let window = Int64(try settings(db).duplicateWindowDays) * 86_400 * 1_000_000
        let probe = try requiredRow(
            db.fetchOne(
                sql: """
                    SELECT \(prefixedRequestColumns), stored.content_hash,
                           (EXISTS (
                                SELECT 1 FROM submission
                                WHERE email = ? AND (at > ? OR (at = ? AND record_key > ?) OR pinned_lead IS NOT NULL))
                            OR EXISTS (
                                SELECT 1 FROM submission
                                WHERE phone = ? AND (at > ? OR (at = ? AND record_key > ?) OR pinned_lead IS NOT NULL))
                           ) AS blocking,
                           (SELECT id FROM lead
                            WHERE (email = ? OR phone = ?) AND created_at BETWEEN ? AND ? AND forgotten_at IS NULL
                            ORDER BY created_at DESC, id DESC LIMIT 1) AS recent
                    FROM (SELECT 1) AS one LEFT JOIN submission AS stored ON stored.record_key = ?
                    """,
                arguments: [email, at, at, key, phone, at, at, key, email, phone, at - window, at, key]), db)
        if !probe.isNull("record_key") {
            let existing = probe
            let old = PostgresStoredRequest(row: existing)
            if existing["content_hash"] as String == contentHash {
                return PostgresRecordedRequest(outcome: .skipped, leadID: old.leadID)
            }
            if let batchID { try saveForUndo(db, batchID: batchID, table: "submission", key: key) }
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
            return PostgresRecordedRequest(outcome: .updated, leadID: try requestRow(db, key: key).leadID)
        }
        let touchKey = request.context.flatMap { context in
            !context.utm.isEmpty || context.clickID != nil ? context.key : nil
        }
        if (email == nil && phone == nil) || probe["blocking"] as Int64 == 0 {
            // Nothing of this person's comes after the request: judging it now against the leads as they stand is
            // what judging all of their requests gives, without reading them all again.
            let recent: Int64? = probe["recent"]
            let leadID = try recent ?? insertLeadRow(db, request, batchID: batchID)
            try insertSubmission(
                db, request, key: key, contentHash: contentHash, lead: leadID, origin: recent == nil,
                touchKey: touchKey, batchID: batchID)
            try linkVisitor(db, lead: leadID, visitor: request.visitor, batchID: batchID)
            if recent != nil {
                try db.execute(
                    sql:
                        "INSERT INTO lead_event (lead_id, at, kind, detail, batch_id) VALUES (?, ?, 'duplicate', ?, ?)",
                    arguments: [
                        leadID, at,
                        PostgresStoredRequest.repeatDetail(
                            form: request.form, source: request.source, name: request.name, email: email, phone: phone),
                        batchID,
                    ])
            }
            try addRequestTouch(db, request, lead: leadID, batchID: batchID)
            if let writing {
                writing.noteReferences(email: email, phone: phone, externalID: request.externalID)
            } else {
                try relinkDeals(
                    db, references: references(contacts: [email, phone], externalIDs: [request.externalID]),
                    batchID: nil)
            }
            return PostgresRecordedRequest(outcome: recent == nil ? .imported : .duplicate, leadID: leadID)
        }
        // The request comes before some of the person's: it goes on a lead of its own for now, and judging the
        // person's requests again settles where it belongs.
        let provisional = try insertLeadRow(db, request, batchID: batchID)
        try insertSubmission(
            db, request, key: key, contentHash: contentHash, lead: provisional, origin: true,
            touchKey: touchKey, batchID: batchID)
        try addRequestTouch(db, request, lead: provisional, batchID: batchID)
        try rejudgePeople(
            db, contacts: Set([email.map { "email:" + $0 }, phone.map { "phone:" + $0 }].compactMap { $0 }),
            leads: [provisional], fresh: [provisional])
        let stored = try requestRow(db, key: key)
        return PostgresRecordedRequest(outcome: stored.createdLead ? .imported : .duplicate, leadID: stored.leadID)
    }

    private static func insertSubmission(
        _ db: SQLConnection, _ request: NewLead, key: String, contentHash: String, lead: Int64, origin: Bool,
        touchKey: String?, batchID: Int64?
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO submission (record_key, lead_id, content_hash, created_lead, batch_id, at, name, email, phone,
                                        form, source, owner, external_id, fields, visitor, touch_key, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                key, lead, contentHash, origin, batchID, request.createdAt.microseconds, request.name,
                request.email?.normalized, request.phone?.e164, request.form, request.source, request.owner,
                request.externalID, request.fieldsJSON, request.visitor, touchKey, request.createdBy,
            ])
    }

    /// A new lead row made from the request that creates it, with its first stage.
    private static func insertLeadRow(_ db: SQLConnection, _ request: NewLead, batchID: Int64?) throws -> Int64 {
        let at = request.createdAt.microseconds
        try lockNumbering(db, table: "lead")
        // One round trip: the lead numbered by the stores' one rule (`SQLDialect.nextLeadID`, under the numbering
        // lock) and its first stage.
        guard
            let id = try db.value(
                Int64.self,
                sql: """
                    WITH new_lead AS (
                        INSERT INTO lead (id, created_at, name, email, phone, form, source, owner, stage, external_id,
                                          fields, batch_id)
                        VALUES (\(SQLDialect.postgres.nextLeadID), ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)
                        RETURNING id)
                    INSERT INTO stage_change (lead_id, from_stage, to_stage, at, changed_by)
                    SELECT id, NULL, 'new', ?, ? FROM new_lead
                    RETURNING lead_id
                    """,
                arguments: [
                    at, request.name, request.email?.normalized, request.phone?.e164, request.form, request.source,
                    request.owner, request.externalID, request.fieldsJSON, batchID, at, request.createdBy,
                ])
        else { throw StoreError.databaseFailure(path: db.database, reason: "the new lead got no id") }
        return id
    }

    private static func requestRow(_ db: SQLConnection, key: String) throws -> PostgresStoredRequest {
        PostgresStoredRequest(
            row: try requiredRow(db.fetchOne(sql: "SELECT \(requestColumns) FROM submission WHERE record_key = ?", arguments: [key]), db))
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
        _ db: SQLConnection, contacts: Set<String>, leads extraLeads: Set<Int64> = [], fresh: Set<Int64> = []
    ) throws {
        try lockPeople(db, contacts)
        // The people: every request reachable through a shared email or phone, or through a merge — every request
        // on a merged lead (pinned to it) belongs to the person, whatever its contacts (as on SQLite).
        var pending = Array(contacts)
        var seenContacts = Set(contacts)
        var pendingPins = Array(extraLeads)
        var seenPins = Set(extraLeads)
        var requests: [String: PostgresStoredRequest] = [:]
        while !pending.isEmpty || !pendingPins.isEmpty {
            let rows: [SQLRow]
            if let contact = pending.popLast() {
                let column = contact.hasPrefix("email:") ? "email" : "phone"
                let value = String(contact.drop { $0 != ":" }.dropFirst())
                rows = try db.fetchAll(
                    sql: "SELECT \(requestColumns) FROM submission WHERE \(column) = ?", arguments: [value])
            } else {
                let pin = pendingPins.removeLast()
                rows = try db.fetchAll(
                    sql: "SELECT \(requestColumns) FROM submission WHERE lead_id = ? AND pinned_lead = ?",
                    arguments: [pin, pin])
            }
            for row in rows {
                let request = PostgresStoredRequest(row: row)
                guard requests[request.key] == nil else { continue }
                requests[request.key] = request
                for other in request.contacts where seenContacts.insert(other).inserted {
                    try lockPeople(db, [other])
                    pending.append(other)
                }
                if let pin = request.pinnedLead, seenPins.insert(pin).inserted { pendingPins.append(pin) }
            }
        }
        let stored = requests.values.sorted { ($0.at, $0.key) < ($1.at, $1.key) }
        var leadIDs = extraLeads
        for request in stored { leadIDs.insert(request.leadID) }
        // Merged leads stay; a pin to a lead that no longer exists is no pin.
        var standing = Set<Int64>()
        for id in leadIDs.union(stored.compactMap(\.pinnedLead)).sorted()
        where try db.value(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM lead WHERE id = ?)", arguments: [id]) == true {
            standing.insert(id)
        }
        let window = Int64(try settings(db).duplicateWindowDays) * 86_400 * 1_000_000
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
        // PostgreSQL reads `IN ()` as a syntax error: nothing kept, nothing to clear.
        if !allLeads.isEmpty {
            let marks = questionMarks(count: allLeads.count)
            try db.execute(
                sql: "DELETE FROM lead_visitor WHERE by_hand = 0 AND lead_id IN (\(marks))",
                arguments: allLeads.map { $0 })
            try db.execute(
                sql: "DELETE FROM lead_event WHERE kind = 'duplicate' AND lead_id IN (\(marks))",
                arguments: allLeads.map { $0 })
        }
        for (index, lead) in judged.enumerated() {
            let id = leadOfGroup[index]
            for position in lead.requests {
                let request = stored[position]
                if let visitor = request.visitor, !visitor.isEmpty {
                    try linkVisitor(db, lead: id, visitor: visitor, batchID: request.batchID)
                } else if let touchKey = request.touchKey,
                    try db.value(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM touch WHERE record_key = ?)", arguments: [touchKey])
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
    private static func retire(_ db: SQLConnection, lead id: Int64, into target: Int64) throws {
        try db.execute(sql: "UPDATE deal SET lead_id = ? WHERE lead_id = ?", arguments: [target, id])
        let handChanges = "SELECT COUNT(*) FROM stage_change WHERE lead_id = ? AND from_stage IS NOT NULL"
        if try db.value(Int.self, sql: handChanges, arguments: [target]) == 0,
            try db.value(Int.self, sql: handChanges, arguments: [id]) ?? 0 > 0
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
    static func redirect(_ db: SQLConnection, lead id: Int64, to target: Int64, reason: String) throws {
        try db.execute(
            sql: "UPDATE lead_redirect SET now_lead_id = ? WHERE now_lead_id = ?", arguments: [target, id])
        try db.execute(
            sql: """
                INSERT INTO lead_redirect (lead_id, now_lead_id, reason) VALUES (?, ?, ?)
                ON CONFLICT (lead_id) DO UPDATE SET now_lead_id = excluded.now_lead_id, reason = excluded.reason
                """,
            arguments: [id, target, reason])
        try db.execute(sql: "DELETE FROM lead_redirect WHERE lead_id = now_lead_id")
    }

    /// Undoes the requests a forms batch recorded: requests it changed get back what they said, requests it added
    /// go, and every person concerned is judged again from the requests still standing — so the leads are those of
    /// importing only the batches still standing. Lead rows are never restored from copies: judging makes them.
    static func undoRequests(_ db: SQLConnection, batchID: Int64) throws {
        var contacts = Set<String>()
        var leads = Set<Int64>()
        for row in try db.fetchAll(sql: "SELECT \(requestColumns) FROM submission WHERE batch_id = ?", arguments: [batchID])
        {
            let request = PostgresStoredRequest(row: row)
            contacts.formUnion(request.contacts)
            leads.insert(request.leadID)
        }
        try spliceRequestVersions(db, batchID: batchID)
        let saved = try db.fetchAll(sql:
                "SELECT id, row_data FROM batch_undo WHERE batch_id = ? AND table_name = 'submission' ORDER BY id DESC",
            arguments: [batchID])
        for entry in saved {
            let json: String = entry["row_data"]
            let key = try db.value(String.self, sql: "SELECT ?::jsonb->>'record_key'", arguments: [json]) ?? ""
            let current = try requestRow(db, key: key)
            contacts.formUnion(current.contacts)
            leads.insert(current.leadID)
            // The lead the request was on may have gone since; it is on the lead it is on now until judged again.
            let patched =
                try db.value(
                    String.self,
                    sql: """
                        SELECT coalesce(jsonb_set(?::jsonb, '{lead_id}',
                                                  to_jsonb((SELECT lead_id FROM submission WHERE record_key = ?))),
                                        ?::jsonb)::text
                        """, arguments: [json, key, json]) ?? json
            try restoreRow(db, table: "submission", json: patched)
            contacts.formUnion(try requestRow(db, key: key).contacts)
            try db.execute(sql: "DELETE FROM batch_undo WHERE id = ?", arguments: [entry["id"] as Int64])
        }
        try db.execute(sql: "DELETE FROM submission WHERE batch_id = ?", arguments: [batchID])
        try rejudgePeople(db, contacts: contacts, leads: leads)
    }
}

/// A row a statement must return; its absence is a damaged database, said in words.
func requiredRow(_ row: SQLRow?, _ db: SQLConnection) throws -> SQLRow {
    guard let row else { throw StoreError.databaseFailure(path: db.database, reason: "a row went missing during the write") }
    return row
}

extension PostgresStoredRequest {
    /// The request as a new lead row takes it.
    var newLead: NewLead {
        NewLead(
            createdAt: Timestamp(microseconds: at), name: name, email: email.flatMap { try? Email(parsing: $0) },
            phone: phone.map(Phone.init(stored:)), form: form, source: source, owner: owner,
            externalID: externalID, fieldsJSON: fields, visitor: visitor, createdBy: createdBy)
    }
}
#endif
