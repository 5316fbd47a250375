#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailStore

/// An import of forms on PostgreSQL: a chunk's people are read once (``RequestPeople``), each request that can be
/// judged in place is judged in memory, and its rows are written with the chunk's in a few statements
/// (``PendingRequestRows``): a handful of round trips for a chunk of thousands, where the per-request statements
/// cost five or six round trips a form (3 ms each form on a loopback server).
///
/// What the rows are is what ``PostgresStore/recordRequest(_:_:key:contentHash:batchID:writing:)`` writes for such a
/// request, in the same order: lead ids counted on from `SQLDialect.nextLeadID` under the lead numbering lock, the
/// touches copied in the order of the requests. Before any request that takes the per-request statements (one stored
/// already, or one that comes before some of its person's), the pending rows are written, so the statements see
/// every request before it. The import holds the exclusive judging lock from its first chunk: no other writer
/// judges people meanwhile, so what the chunk read stays true (forgetting a lead waits for the lock too).
extension PostgresImportWriter {
    func addSubmission(_ request: NewLead, key: String, contentHash: String) throws -> WriteOutcome {
        if let people = writing?.people, let outcome = try judgeInMemory(request, key: key, contentHash: contentHash, people)
        {
            return outcome
        }
        try flushRequests()
        nextLeadID = nil
        let recorded = try PostgresStore.recordRequest(
            db, request, key: key, contentHash: contentHash, batchID: batchID, writing: writing)
        // A request written by the statements may have moved leads around: the rest of the chunk is judged from the
        // database, as SQLite's writer does.
        if recorded.outcome != .skipped {
            writing?.judgeFromDatabase()
        } else {
            try requestWriting().noteFoundSame(key)
        }
        return recorded.outcome
    }

    /// Reads once what judging a chunk of requests needs (``RequestPeople``), after writing the previous chunk's.
    func expectSubmissions(_ requests: [NewLead], keys: [String], contentHashes: [String]) throws {
        try flushRequests()
        // Only a batch judging under the exclusive lock may trust what it read for a whole chunk.
        guard db.judgesExclusively else { return }
        try PostgresStore.keepStatisticsHonest(db, of: ["submission", "lead", "touch"])
        try PostgresStore.lockPeople(db, [String]())
        let writing = try requestWriting()
        writing.judgeInMemory(
            try RequestPeople(
                requests: requests, keys: keys, contentHashes: contentHashes,
                from: PostgresRequestPeopleSource(db: db)))
    }

    private func requestWriting() throws -> RequestWriting {
        if let writing { return writing }
        let made = RequestWriting(
            window: Int64(try PostgresStore.settings(db).duplicateWindowDays) * 86_400 * 1_000_000,
            dealsNameLeads: true)
        writing = made
        return made
    }

    /// A request judged against the chunk's people: nil when it needs the per-request statements (its key is stored
    /// already, or a request of its person comes after it or is pinned).
    private func judgeInMemory(_ request: NewLead, key: String, contentHash: String, _ people: RequestPeople) throws
        -> WriteOutcome?
    {
        let email = request.email?.normalized
        let phone = request.phone?.e164
        let at = request.createdAt.microseconds
        switch people.stored(key, contentHash: contentHash) {
        case .same:
            writing?.noteFoundSame(key)
            return .skipped
        case .probe: return nil
        case .absent: break
        }
        guard people.canJudgeInPlace(email: email, phone: phone, at: at, key: key), let writing else { return nil }
        let recent = people.recentLead(email: email, phone: phone, from: at - writing.window, to: at)
        let leadID = try recent ?? takeLeadID()
        people.recorded(key: key, email: email, phone: phone, at: at, newLead: recent == nil ? leadID : nil)
        do {
            try pendingRequests.add(
                request, key: key, contentHash: contentHash, lead: leadID, newLead: recent == nil, batchID: batchID)
        } catch {
            throw StoreError.databaseFailure(
                path: db.database, reason: "form \(key) holds a NUL character, which cannot be stored")
        }
        writing.noteReferences(email: email, phone: phone, externalID: request.externalID)
        return recent == nil ? .imported : .duplicate
    }

    /// The id of a new lead judged in memory.
    private func takeLeadID() throws -> Int64 {
        let id: Int64
        if let nextLeadID {
            id = nextLeadID
        } else {
            try PostgresStore.lockNumbering(db, table: "lead")
            id = try db.value(Int64.self, sql: "SELECT \(SQLDialect.postgres.nextLeadID)") ?? 1
        }
        nextLeadID = id + 1
        return id
    }

    /// Writes the rows of the requests judged in memory since the last time: leads, their first stages, the
    /// requests, the visitor links, the repeat events, then the touches (each table in the requests' order).
    func flushRequests() throws {
        guard !pendingRequests.isEmpty else { return }
        let rows = pendingRequests
        pendingRequests = PendingRequestRows()
        let session = db.transaction.session
        try session.copy(into: "lead", columns: PendingRequestRows.leadColumns, rows: rows.leads)
        try session.copy(into: "stage_change", columns: PendingRequestRows.stageColumns, rows: rows.stages)
        try session.copy(into: "submission", columns: PendingRequestRows.submissionColumns, rows: rows.submissions)
        if !rows.visitorLinks.isEmpty {
            try db.execute(
                sql: """
                    INSERT INTO lead_visitor (lead_id, visitor, batch_id)
                    SELECT (link->>0)::bigint, link->>1, ? FROM jsonb_array_elements(?::jsonb) AS link
                    ON CONFLICT DO NOTHING
                    """,
                arguments: [batchID, try JSONArgument.text(rows.visitorLinks.map { [$0.lead, $0.visitor] as [Any] })])
        }
        try session.copy(into: "lead_event", columns: PendingRequestRows.eventColumns, rows: rows.events)
        if !rows.touches.isEmpty {
            _ = try copyStaged(rows.touches, Array(rows.touches.indices), origin: "form")
        }
    }

    /// Deals naming a contact or external id of this batch's requests point at the lead their reference resolves to
    /// now (nothing to do when no deal names a lead by reference).
    func relinkRequestDeals() throws {
        guard let writing, !writing.contacts.isEmpty || !writing.externalIDs.isEmpty,
            try db.value(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM deal WHERE lead_ref IS NOT NULL)") == true
        else { return }
        try PostgresStore.relinkDeals(
            db,
            references: PostgresStore.references(
                contacts: writing.contacts.sorted(), externalIDs: writing.externalIDs.sorted()),
            batchID: nil)
    }
}

/// The rows of requests judged in memory, waiting to be written at the end of their chunk: COPY rows for the tables
/// no stored row can clash with (the lead ids and request keys are new), lists for the visitor links and touches,
/// which may meet stored ones (`ON CONFLICT DO NOTHING`, as the per-request statements).
struct PendingRequestRows {
    static let leadColumns = [
        "id", "created_at", "name", "email", "phone", "form", "source", "owner", "stage", "external_id", "fields",
        "batch_id",
    ]
    static let stageColumns = ["lead_id", "from_stage", "to_stage", "at", "changed_by"]
    static let submissionColumns = [
        "record_key", "lead_id", "content_hash", "created_lead", "batch_id", "at", "name", "email", "phone", "form",
        "source", "owner", "external_id", "fields", "visitor", "touch_key", "created_by",
    ]
    static let eventColumns = ["lead_id", "at", "kind", "detail", "batch_id"]

    private(set) var leads = CopyTextRows(capacity: 0)
    private(set) var stages = CopyTextRows(capacity: 0)
    private(set) var submissions = CopyTextRows(capacity: 0)
    private(set) var events = CopyTextRows(capacity: 0)
    private(set) var visitorLinks: [(lead: Int64, visitor: String)] = []
    private(set) var touches: [Touch] = []

    var isEmpty: Bool { submissions.rowCount == 0 }

    /// The rows of one request on lead `lead` (made by it when `newLead`, else a repeat on it).
    mutating func add(
        _ request: NewLead, key: String, contentHash: String, lead: Int64, newLead: Bool, batchID: Int64
    ) throws(CopyTextRows.NulCharacter) {
        let at = request.createdAt.microseconds
        let email = request.email?.normalized
        let phone = request.phone?.e164
        if newLead {
            leads.append(lead)
            leads.append(at)
            for value in [request.name, email, phone, request.form, request.source, request.owner] {
                try leads.append(value)
            }
            leads.append(origin: "new")
            try leads.append(request.externalID)
            try leads.append(request.fieldsJSON)
            leads.append(batchID)
            leads.endRow()
            stages.append(lead)
            try stages.append(nil as String?)
            stages.append(origin: "new")
            stages.append(at)
            try stages.append(request.createdBy)
            stages.endRow()
        }
        let context = request.context.flatMap { !$0.utm.isEmpty || $0.clickID != nil ? $0 : nil }
        try submissions.append(key)
        submissions.append(lead)
        try submissions.append(contentHash)
        submissions.append(newLead ? 1 : 0)
        submissions.append(batchID)
        submissions.append(at)
        for value in [
            request.name, email, phone, request.form, request.source, request.owner, request.externalID,
            request.fieldsJSON, request.visitor, context?.key, request.createdBy,
        ] {
            try submissions.append(value)
        }
        submissions.endRow()
        if let visitor = request.visitor, !visitor.isEmpty { visitorLinks.append((lead, visitor)) }
        if !newLead {
            events.append(lead)
            events.append(at)
            events.append(origin: "duplicate")
            try events.append(
                PostgresStoredRequest.repeatDetail(
                    form: request.form, source: request.source, name: request.name, email: email, phone: phone))
            events.append(batchID)
            events.endRow()
        }
        // The request's touch, as `PostgresStore.addRequestTouch` adds it.
        if let context {
            let visitor = request.visitor ?? "lead:\(lead)"
            if request.visitor == nil { visitorLinks.append((lead, visitor)) }
            touches.append(
                Touch(
                    key: context.key, at: request.createdAt, visitor: visitor, url: context.url, utm: context.utm,
                    clickID: context.clickID, referrer: context.referrer,
                    channel: Channel.classify(utm: context.utm, referrer: context.referrer, clickID: context.clickID)))
        }
    }
}

/// ``RequestPeople``'s reads on PostgreSQL: one query each, the values bound as one JSON list.
struct PostgresRequestPeopleSource: RequestPeopleSource {
    let db: SQLConnection

    func storedRequests(keys: [String], _ each: (String, String, Int64) -> Void) throws {
        guard !keys.isEmpty else { return }
        for row in try db.fetchAll(
            sql: JSONArgument.lookup("record_key, content_hash, lead_id", from: "submission", by: "record_key"),
            arguments: [try JSONArgument.text(keys)])
        {
            each(row["record_key"], row["content_hash"], row["lead_id"])
        }
    }

    func requests(by column: String, in values: [String], _ each: (String, Int64, String, Bool) -> Void) throws {
        for row in try db.fetchAll(
            sql: JSONArgument.lookup(
                "\(column) AS value, at, record_key, pinned_lead IS NOT NULL AS pinned", from: "submission",
                by: column),
            arguments: [try JSONArgument.text(values)])
        {
            each(row["value"], row["at"] ?? 0, row["record_key"], row["pinned"])
        }
    }

    func leads(by column: String, in values: [String], _ each: (String, Int64, Int64) -> Void) throws {
        for row in try db.fetchAll(
            sql: JSONArgument.lookup(
                "\(column) AS value, created_at, id", from: "lead", by: column, where: "forgotten_at IS NULL"),
            arguments: [try JSONArgument.text(values)])
        {
            each(row["value"], row["created_at"], row["id"])
        }
    }
}

/// A list bound as one JSON text parameter (`?::jsonb`), read in SQL with `jsonb_array_elements_text` (strings) or
/// `jsonb_array_elements` (rows as arrays): a chunk's thousands of values in one statement, escaped by Foundation.
enum JSONArgument {
    /// `= ANY (…)` of the strings of one JSON list parameter, the list read once into an array.
    static let anyText = "= ANY (ARRAY(SELECT jsonb_array_elements_text(?::jsonb)))"

    /// `columns` of the rows of `table` whose `column` is one of the strings of one JSON list parameter (each string
    /// once), looked up one value at a time. With honest statistics each lookup is a probe of the column's index;
    /// statistics that call a filling table empty made the planner scan another index whole for every value, which
    /// is why a chunk first checks them (``PostgresStore/keepStatisticsHonest(_:of:)``).
    static func lookup(_ columns: String, from table: String, by column: String, where filter: String = "TRUE")
        -> String
    {
        """
        SELECT found.* FROM (SELECT DISTINCT value FROM jsonb_array_elements_text(?::jsonb) AS given(value)) AS wanted
        CROSS JOIN LATERAL (
            SELECT \(columns) FROM \(table) WHERE \(column) = wanted.value AND \(filter) OFFSET 0
        ) AS found
        """
    }

    /// `values` (strings, integers, or arrays of them) as JSON text.
    static func text(_ values: [Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: values), as: UTF8.self)
    }
}
#endif
