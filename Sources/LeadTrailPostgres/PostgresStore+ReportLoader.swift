#if Postgres
import LeadTrailCore
import LeadTrailJourneys
import LeadTrailStore
import NIOCore
import PostgresNIO

/// The steps of `PostgresStore.reportData`: the SQLite loader's queries in PostgreSQL's words, each row handed to
/// the journey engine (``TouchKeys``, ``PersonGraph``, ``JourneyNeeds``, ``JourneyAssembly``) in the order SQLite's
/// gives it, so that both stores build the same report.
///
/// Text columns are `COLLATE "C"` (schema/postgres), so `ORDER BY visitor, at, record_key` is SQLite's `BINARY`
/// order of one visitor's rows.
struct PostgresReportLoader {
    let scope: ReportScope
    let rows: ReportRows
    var leads: [ReportLead] = []
    private var campaigns: [Int64: TouchKeys.Campaign] = [:]
    private var touchKeys: TouchKeys
    private var sharedEmails = Set<String>()
    private var sharedPhones = Set<String>()
    private var graph = PersonGraph()
    /// Position in ``leads`` → every visitor of the lead, for the leads whose journey is more than their own
    /// visitors' touches.
    private var mergedVisitors: [Int: [String]] = [:]
    private var needs: JourneyNeeds?
    /// What of the leads, deals and identity the scope reads (``startReading(withSide:)`` sets it).
    private var period: PeriodReadSQL?
    /// The keys of the touches the same-session rule compares (``SessionKey``: their five normalised UTM values, as
    /// bytes, as SQLite's visitor paths keep them), by touch id.
    private var sessions: [Int64: SessionKey] = [:]
    /// Record keys read for touches of one instant, by touch id.
    private var recordKeys: [Int64: String] = [:]
    /// A second connection reading the same snapshot (``ReportSide``), unless the server refused one or the
    /// transaction has written.
    private var side: ReportSide?
    /// The queries sent ahead (``startReading(withSide:)``), read in the order the steps need them.
    private var early: Early?
    /// The period's count, once sent: from the start on ``side`` for Markov, which then takes no other query until
    /// the count is read (``loadPeriodTouches()``).
    private var pendingCount: PendingCount?
    /// Whether Markov's null paths are counted from the kept visitor paths (``usesKeptPaths()``), once asked.
    private var keptPaths: Bool?
    /// The listed visitors' kept rows, sent with the first queries (``startReading(withSide:)``).
    private var pendingListing: PendingRows?
    /// Whether the period is short beside the history kept (``isShortPeriod()``), once asked.
    private var shortPeriod: Bool?
    /// Channel names met in kept rows, by position, and one row's touches (``appendKeptTouches(_:from:to:into:)``).
    private var keptChannels = TouchKeys.ChannelPositions()
    private var keptRow: [KeptPath.Touch] = []

    /// A count sent to the server: touch by touch (each row a touch's columns, for null paths with the previous
    /// one's), or, from the kept visitor paths, path by path (``countPeriodTouches(_:)``).
    private struct PendingCount {
        let rows: PendingRows
        let byPath: Bool
    }

    /// The queries whose rows depend on nothing but the scope, all sent at once so that the server runs them while
    /// the rows of the first are read.
    private struct Early {
        let refunds: PendingRows
        let deals: PendingRows
        let emails: PendingRows
        let phones: PendingRows
        let clickLinks: PendingRows
        let leads: PendingRows
        let stageChanges: PendingRows
    }

    /// The fewest journeys worth sharing with the second connection: below it the read is too short to split (the
    /// 20,000-visitor parity data set's year, about 2,000 leads, is shared, so its tests read both ways).
    static let journeysWorthSide = 1_000
    /// The most leads whose journeys one query reads: its rows come back as one cell (about 100 bytes a touch).
    static let leadsPerJourneyPart = 20_000

    init(scope: ReportScope, rows: ReportRows) {
        self.scope = scope
        self.rows = rows
        touchKeys = TouchKeys(scope: scope, campaigns: [:])
    }

    var keys: KeyTable { touchKeys.keys }

    /// The deals a report reads of those loaded (all of them when whole tables were read), once the leads are.
    func kept(_ deals: [Deal]) -> [Deal] {
        guard let needs else { return deals }
        return deals.filter(needs.keeps)
    }

    /// Opens the second connection (``ReportSide``) and sends every query that depends on the scope alone. A report
    /// that counts Markov's null paths over the period sends that count (a window over the period's touches, the
    /// report's longest query) to the second connection, which reads it while this one reads the rest; otherwise the
    /// second connection reads the stage changes and lead visitors while this one reads deals, identity and leads.
    ///
    /// `withSide`: false inside a transaction that has written (its own rows are not in the snapshot it exports).
    mutating func startReading(withSide: Bool) throws {
        side = withSide ? try ReportSide.open(for: rows.transaction) : nil
        var listsEarly = false
        if let side, PeriodCounter.counts(scope) && scope.needsNullPaths {
            pendingCount = try startCounting(on: side)
            listsEarly = try !isShortPeriod() && usesKeptPaths()
        }
        let helper = pendingCount == nil ? side : nil
        var span: (first: Int64, last: Int64)?
        try rows.forEach(PeriodReadSQL.leadSpan) { row in
            if let first = try row.optionalInt(), let last = try row.optionalInt() { span = (first, last) }
        }
        let period = PeriodReadSQL(scope, leadSpan: span)
        self.period = period
        early = Early(
            refunds: rows.start(period.refunds),
            deals: rows.start(period.deals),
            emails: rows.start(period.sharedContacts("email")),
            phones: rows.start(period.sharedContacts("phone")),
            clickLinks: rows.start(
                """
                SELECT DISTINCT mine.visitor, other.visitor
                FROM shared_click_id AS shared
                JOIN touch AS mine ON mine.click_id = shared.click_id
                JOIN touch AS other ON other.click_id = mine.click_id AND other.click_id_type = mine.click_id_type
                    AND other.visitor <> mine.visitor
                """),
            leads: rows.start(period.leads),
            stageChanges: rows.start(period.stageChanges(), on: helper))
        if listsEarly {
            // A long period's listed visitors while the count runs beside: the server reads them while this side
            // reads the deals and leads.
            pendingListing = rows.start(keptListingSQL(counts: true), periodBindings(counts: true))
        }
    }

    /// Ends the second connection's transaction, if the report opened one.
    func finish() {
        side?.finish()
    }

    mutating func loadCampaigns() throws {
        var campaigns: [Int64: TouchKeys.Campaign] = [:]
        try rows.forEach("SELECT id, key, platform FROM campaign") { row in
            let id = try row.int()
            campaigns[id] = TouchKeys.Campaign(key: try row.text(), platform: Platform(rawValue: try row.text()) ?? .other)
        }
        self.campaigns = campaigns
        touchKeys = TouchKeys(scope: scope, campaigns: campaigns)
    }

    /// The deals a report of the period reads (``PeriodReadSQL``) with their refunds, in two queries.
    func deals() throws -> [Deal] {
        guard let early else { throw Self.notStarted(rows) }
        var refunds: [Int64: [(minor: Int64, at: Int64)]] = [:]
        try early.refunds.forEach { row in
            refunds[try row.int(), default: []].append((try row.int(), try row.int()))
        }
        var currencies: [String: Currency] = [:]
        var deals: [Deal] = []
        try early.deals.forEach { row in
            let id = try row.int()
            let externalID = try row.optionalText()
            let leadID = try row.optionalInt()
            let minor = try row.int()
            let code = try row.text()
            let currency = try currencies[code] ?? Currency(code: code)
            currencies[code] = currency
            let status = try row.optionalText().flatMap(DealStatus.init(rawValue:)) ?? .open
            let createdAt = try row.int()
            let closedAt = try row.optionalInt()
            deals.append(
                Deal(
                    id: id, externalID: externalID, leadID: leadID,
                    amount: Money(minorUnits: minor, currency: currency), status: status,
                    createdAt: Timestamp(microseconds: createdAt), closedAt: closedAt.map(Timestamp.init(microseconds:)),
                    refunds: (refunds[id] ?? []).map {
                        Refund(
                            amount: Money(minorUnits: $0.minor, currency: currency), at: Timestamp(microseconds: $0.at))
                    }))
        }
        return deals
    }

    /// What identity can follow beyond a lead's own visitors: emails and phones shared by several leads, and
    /// visitors sharing a click id (`shared_click_id` holds the click ids two or more visitors share).
    mutating func loadIdentity() throws {
        guard let early else { throw Self.notStarted(rows) }
        var emails = Set<String>()
        try early.emails.forEach { emails.insert(try $0.text()) }
        var phones = Set<String>()
        try early.phones.forEach { phones.insert(try $0.text()) }
        var graph = PersonGraph()
        try early.clickLinks.forEach { row in
            graph.linkByClickID(try row.text(), try row.text())
        }
        self.graph = graph
        sharedEmails = emails
        sharedPhones = phones
    }

    /// The leads a report of the period can need, their stage histories and visitors, and how far back their
    /// journeys reach.
    mutating func loadLeads(deals: [Deal]) throws {
        guard let early, let period else { throw Self.notStarted(rows) }
        var needs = JourneyNeeds(scope: scope, deals: deals)
        let checksContacts = !sharedEmails.isEmpty || !sharedPhones.isEmpty
        var leads: [ReportLead] = []
        var graph = self.graph
        let (emails, phones) = (sharedEmails, sharedPhones)
        // The needed leads (every lead when `PeriodReadSQL` reads whole tables): `needs` keeps the needed ones and
        // learns how far back their journeys reach.
        try early.leads.forEach { row in
            let id = try row.int()
            let createdAt = try row.int()
            let owner = try row.optionalText()
            let stage = try row.optionalText()
            guard needs.needs(lead: id, createdAt: createdAt) else { return }
            leads.append(
                ReportLead(
                    id: id, createdAt: Timestamp(microseconds: createdAt), owner: owner,
                    stage: stage.flatMap(Stage.init(rawValue:)) ?? .new, history: [], touches: [], touchIDs: []))
        }
        if checksContacts {
            // Identity follows a shared contact to leads of any time: every lead with one, in id order.
            try rows.forEach(period.people) { row in
                let id = try row.int()
                let createdAt = try row.int()
                let email = try row.optionalText().flatMap { emails.contains($0) ? $0 : nil }
                let phone = try row.optionalText().flatMap { phones.contains($0) ? $0 : nil }
                graph.addPerson(lead: id, createdAt: createdAt, sharedEmail: email, sharedPhone: phone)
            }
        }
        // Stage changes and leads are both in id order: one merging pass.
        var position = 0
        try early.stageChanges.forEach { row in
            let leadID = try row.int()
            while position < leads.count && leads[position].id < leadID { position += 1 }
            guard position < leads.count, leads[position].id == leadID else { return }
            let from = try row.optionalText()
            let to = try row.optionalText()
            let at = try row.int()
            leads[position].history.append(
                StageChange(
                    from: from.flatMap(Stage.init(rawValue:)), to: to.flatMap(Stage.init(rawValue:)) ?? .new,
                    at: Timestamp(microseconds: at), by: try row.optionalText(),
                    kind: try row.int() == 1 ? .correction : .move))
        }
        if !graph.isEmpty {
            var current: Int64?
            var own: [String] = []
            var linked = false
            func flush() {
                if let current, graph.isPerson(current) || linked { graph.setOwnVisitors(own, ofLead: current) }
            }
            try rows.forEach(period.identityVisitors) { row in
                let leadID = try row.int()
                if leadID != current {
                    flush()
                    current = leadID
                    own.removeAll()
                    linked = false
                }
                let visitor = try row.text()
                own.append(visitor)
                if graph.hasClickLink(visitor) { linked = true }
            }
            flush()
            for (position, lead) in leads.enumerated() where graph.isMerged(lead.id) {
                mergedVisitors[position] = graph.visitors(ofLead: lead.id)
            }
        }
        self.graph = graph
        self.leads = leads
        self.needs = needs
    }

    /// The columns a report reads of a touch (``readTouch(_:)``): id, time, whether it is a form's, the channel's
    /// position, the campaign, and the UTM values only for the dimensions that group by them.
    private var touchColumns: String {
        let common =
            "touch.id, touch.at, touch.origin = 'form', \(TouchKeys.channelPositionSQL(column: "touch.channel")), "
            + "touch.campaign_id"
        return touchKeys.wantsUTM
            ? common + ", touch.utm_source, touch.utm_medium, touch.utm_content, touch.utm_term" : common
    }

    /// A row's touch columns (``touchColumns``) with the touch's report key.
    private mutating func readTouch(_ row: inout ReportCells) throws -> StoredTouch {
        let id = try row.int()
        let at = try row.int()
        let isForm = try row.int() != 0
        let channel = Int(try row.int())
        let campaign = try row.optionalInt()
        var utm: [String?] = []
        if touchKeys.wantsUTM {
            utm = [try row.optionalText(), try row.optionalText(), try row.optionalText(), try row.optionalText()]
        }
        return touchKeys.touch(
            id: id, at: at, isForm: isForm, channelPosition: channel, campaignID: campaign, utm: { utm[$0.rawValue] })
    }

    /// Each needed lead's journey: its visitors' touches from the earliest journey start to the period's end, each
    /// visitor's after the same-session rule, merged by the journey engine.
    ///
    /// Read without a cursor (the needed leads' touches, not all history): PostgreSQL never plans a cursor's query
    /// in parallel, and the year's journeys took twice as long through one on the 2-core benchmark machine.
    mutating func loadJourneys() throws {
        guard !leads.isEmpty, let needs else { return }
        let rows = self.rows
        let lower = needs.readStart
        let upper = scope.end.microseconds
        // The leads whose journey is their own visitors' touches, in one query: rows by lead, visitor, time and
        // record key, one group per lead and visitor.
        let simple = leads.indices.filter { mergedVisitors[$0] == nil }
        var touches: [StoredTouch] = []
        var digests: [KeptPath.UTMDigest?] = []
        var groups: [(lead: Int, end: Int)] = []
        if !simple.isEmpty {
            let ids = simple.map { leads[$0].id }
            if try usesKeptPaths() {
                try readLeadTouches(ids, from: lower, to: upper, into: &touches, digests: &digests, groups: &groups)
            } else {
                try readJourneyTouches(ids, from: lower, to: upper, into: &touches, groups: &groups)
            }
        }
        try prefetchSessions(touches, groups: groups.map(\.end), digests: digests)
        var start = 0
        var journey: [StoredTouch] = []
        var currentLead = -1
        for (lead, end) in groups {
            if lead != currentLead {
                if currentLead >= 0 { try setJourney(journey, ofLeadAt: currentLead) }
                currentLead = lead
                journey.removeAll(keepingCapacity: true)
            }
            journey += try visitorTouches(Array(touches[start..<end]))
            start = end
        }
        if currentLead >= 0 { try setJourney(journey, ofLeadAt: currentLead) }
        guard !mergedVisitors.isEmpty else { return }
        // The rest: every visitor of a person, or linked by a click id, each read once.
        let visitors = Set(mergedVisitors.values.joined()).sorted()
        var bindings = PostgresBindings()
        bindings.append(lower)
        bindings.append(upper)
        bindings.append(visitors)
        var byVisitor: [String: [StoredTouch]] = [:]
        var merged: [StoredTouch] = []
        var visitorEnds: [(visitor: String, end: Int)] = []
        var currentVisitor: String?
        try rows.forEach(
            """
            SELECT \(touchColumns), touch.visitor FROM touch
            WHERE touch.at >= $1 AND touch.at < $2 AND touch.visitor = ANY($3)
            ORDER BY touch.visitor, touch.at, touch.record_key
            """, bindings, cursor: false
        ) { row in
            let touch = try readTouch(&row)
            let visitor = try row.text()
            if visitor != currentVisitor {
                if let currentVisitor { visitorEnds.append((currentVisitor, merged.count)) }
                currentVisitor = visitor
            }
            merged.append(touch)
        }
        if let currentVisitor { visitorEnds.append((currentVisitor, merged.count)) }
        try prefetchSessions(merged, groups: visitorEnds.map(\.end))
        var start2 = 0
        for (visitor, end) in visitorEnds {
            byVisitor[visitor] = try visitorTouches(Array(merged[start2..<end]))
            start2 = end
        }
        for position in mergedVisitors.keys.sorted() {
            let journey = (mergedVisitors[position] ?? []).flatMap { byVisitor[$0] ?? [] }
            try setJourney(journey, ofLeadAt: position)
        }
    }

    /// The needed leads' journeys from their kept rows (schema 21: `lead_touches`, each lead's visitors' touches in
    /// visitor order, a visitor's joined by commas, visitors by semicolons), one row a lead: a group of touches for
    /// each visitor with touches in `lower..<upper`, groups in lead order; each touch's digest of its UTM values in
    /// `digests`, at its position.
    private mutating func readLeadTouches(
        _ ids: [Int64], from lower: Int64, to upper: Int64, into touches: inout [StoredTouch],
        digests: inout [KeptPath.UTMDigest?], groups: inout [(lead: Int, end: Int)]
    ) throws {
        let sql = "SELECT lead_id, touches FROM lead_touches WHERE lead_id = ANY($1)"
        let parts = journeyParts(ids) { part, side in
            var bindings = PostgresBindings()
            bindings.append(Array(part))
            return rows.start(sql, bindings, on: side)
        }
        // Each row's touches and where its visitors' groups end, by lead id; rows come in no order.
        var read: [StoredTouch] = []
        var readDigests: [KeptPath.UTMDigest?]? = []
        var byLead: [(lead: Int64, groups: Range<Int>)] = []
        var ends: [Int] = []
        let semicolon = UInt8(ascii: ";")
        for part in parts {
            try part.forEach { row in
                let lead = try row.int()
                let text = try row.bytes()
                let first = ends.count
                var segmentStart = text.startIndex
                while segmentStart < text.endIndex {
                    let segmentEnd = text[segmentStart...].firstIndex(of: semicolon) ?? text.endIndex
                    let segment = text[segmentStart..<segmentEnd]
                    if try appendKeptTouches(segment, from: lower, to: upper, into: &read, digests: &readDigests) > 0 {
                        ends.append(read.count)
                    }
                    segmentStart = segmentEnd == text.endIndex ? segmentEnd : segmentEnd + 1
                }
                if ends.count > first { byLead.append((lead, first..<ends.count)) }
            }
        }
        if byLead.indices.dropFirst().contains(where: { byLead[$0].lead < byLead[$0 - 1].lead }) {
            byLead.sort { $0.lead < $1.lead }
        }
        touches.reserveCapacity(read.count)
        var position = 0
        for (lead, leadGroups) in byLead {
            while position < leads.count && leads[position].id < lead { position += 1 }
            var start = leadGroups.lowerBound == 0 ? 0 : ends[leadGroups.lowerBound - 1]
            for end in ends[leadGroups] {
                touches += read[start..<end]
                digests += readDigests?[start..<end] ?? []
                groups.append((position, touches.count))
                start = end
            }
        }
    }

    /// The needed leads' journeys from the touch table, while a write's notes are in the snapshot (inside the writing
    /// transaction): each lead visitor's touches probed in `touch_by_visitor` (`OFFSET 0` keeps the planner from
    /// turning the probes into a hash join over every touch, whose cost does not shrink with the leads asked for). A
    /// group of touches for each visitor, groups in lead and visitor order. No order asked: rows are grouped by lead
    /// and visitor here, a visitor's own order is the journey engine's.
    private mutating func readJourneyTouches(
        _ ids: [Int64], from lower: Int64, to upper: Int64, into touches: inout [StoredTouch],
        groups: inout [(lead: Int, end: Int)]
    ) throws {
        let sql = """
            SELECT touch.*, lv.lead_id, lv.visitor
            FROM lead_visitor AS lv
            CROSS JOIN LATERAL (
                SELECT \(touchColumns) FROM touch
                WHERE touch.visitor = lv.visitor AND touch.at >= $1 AND touch.at < $2 OFFSET 0
            ) AS touch
            WHERE lv.lead_id = ANY($3)
            """
        let parts = journeyParts(ids) { part, side in
            var bindings = PostgresBindings()
            bindings.append(lower)
            bindings.append(upper)
            bindings.append(Array(part))
            return rows.start(sql, bindings, on: side)
        }
        var read: [StoredTouch] = []
        var owners: [(lead: Int64, visitor: ArraySlice<UInt8>)] = []
        for part in parts {
            try part.forEach { row in
                read.append(try readTouch(&row))
                owners.append((try row.int(), try row.bytes()))
            }
        }
        var order = Array(read.indices)
        func precedes(_ left: Int, _ right: Int) -> Bool {
            owners[left].lead != owners[right].lead
                ? owners[left].lead < owners[right].lead
                : owners[left].visitor.lexicographicallyPrecedes(owners[right].visitor)
        }
        if order.indices.dropFirst().contains(where: { precedes(order[$0], order[$0 - 1]) }) {
            order.sort(by: precedes)
        }
        touches.reserveCapacity(read.count)
        var position = 0
        var previous: Int?
        for index in order {
            let owner = owners[index]
            if let previous, owners[previous].lead == owner.lead, owners[previous].visitor == owner.visitor {
            } else {
                if !touches.isEmpty { groups.append((position, touches.count)) }
                while position < leads.count && leads[position].id < owner.lead { position += 1 }
            }
            previous = index
            touches.append(read[index])
        }
        if !touches.isEmpty { groups.append((position, touches.count)) }
    }

    /// Sends the query for the needed leads' journeys in parts of a bounded number of leads, each one cell
    /// (``ReportRows/start(_:_:on:)``); many journeys shared with the second connection, part by part, while this one
    /// reads the others. `start` sends one part's query (on the side connection, or this one for nil).
    private func journeyParts(
        _ ids: [Int64], _ start: (ArraySlice<Int64>, ReportSide?) -> PendingRows
    ) -> [PendingRows] {
        let sharing = ids.count >= Self.journeysWorthSide && pendingCount == nil ? side : nil
        let partSize = sharing == nil ? Self.leadsPerJourneyPart : min(Self.leadsPerJourneyPart, (ids.count + 1) / 2)
        var parts: [PendingRows] = []
        var partStart = 0
        while partStart < ids.count {
            let end = min(partStart + partSize, ids.count)
            let onSide = sharing != nil && parts.count % 2 == 0
            parts.append(start(ids[partStart..<end], onSide ? sharing : nil))
            partStart = end
        }
        return parts
    }

    private mutating func setJourney(_ touches: [StoredTouch], ofLeadAt position: Int) throws {
        let ordered = try JourneyAssembly.journey(touches) { try recordKey(of: $0.id) }
        JourneyAssembly.setTouches(ordered, of: &leads[position])
    }

    /// A visitor's touches in the journey engine's order, without the form touches the same-session rule drops.
    private mutating func visitorTouches(_ touches: [StoredTouch]) throws -> [StoredTouch] {
        try JourneyAssembly.visitorTouches(
            touches, recordKey: { try recordKey(of: $0.id) },
            isSameSession: { earlier, form in try session(of: earlier.id) == session(of: form.id) })
    }

    /// A touch's record key, read once: asked only for touches of one instant.
    private mutating func recordKey(of id: Int64) throws -> String {
        if let known = recordKeys[id] { return known }
        var bindings = PostgresBindings()
        bindings.append(id)
        var key = ""
        try rows.forEach("SELECT record_key FROM touch WHERE id = $1", bindings) { key = try $0.text() }
        recordKeys[id] = key
        return key
    }

    /// A touch's session key (its five normalised UTM values), read once.
    private mutating func session(of id: Int64) throws -> SessionKey {
        if let known = sessions[id] { return known }
        try readSessions([id])
        return sessions[id] ?? SessionKey(utm: [nil, nil, nil, nil, nil])
    }

    /// Reads, in one query, the UTM values the same-session rule may compare (``SessionRule/comparedTouches(in:_:)``;
    /// groups end at `groups`, each one visitor's touches in time order). Of the touches with a digest of their raw
    /// values (`digests`, at the touches' positions, from `lead_touches`), one of each digest is read and its values
    /// stand for the others': the year's 40,000 compared touches of the benchmark hold a few hundred different sets.
    private mutating func prefetchSessions(
        _ touches: [StoredTouch], groups: [Int], digests: [KeptPath.UTMDigest?] = []
    ) throws {
        var ids: [Int64] = []
        var byDigest: [KeptPath.UTMDigest: [Int64]] = [:]
        var start = 0
        for end in groups {
            let group = touches.indices[start..<end]
            start = end
            SessionRule.comparedTouches(
                in: group, id: { Int64($0) }, at: { touches[$0].at }, isForm: { touches[$0].isForm }
            ) { position in
                let id = touches[Int(position)].id
                guard sessions[id] == nil else { return }
                if Int(position) < digests.count, let digest = digests[Int(position)] {
                    byDigest[digest, default: []].append(id)
                } else {
                    ids.append(id)
                }
            }
        }
        try readSessions(ids + byDigest.values.map { $0[0] })
        for same in byDigest.values {
            let values = sessions[same[0]]
            for id in same.dropFirst() { sessions[id] = values }
        }
    }

    private mutating func readSessions(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        var bindings = PostgresBindings()
        bindings.append(ids)
        var found: [Int64: SessionKey] = [:]
        try rows.forEach(
            "SELECT id, utm_source, utm_medium, utm_campaign, utm_content, utm_term FROM touch WHERE id = ANY($1)",
            bindings
        ) { row in
            let id = try row.int()
            var raw: [String?] = []
            for _ in 0..<5 { raw.append(try row.optionalText()) }
            found[id] = SessionKey(utm: raw)
        }
        sessions.merge(found) { $1 }
    }

    /// Every touch of the period after the same-session rule: the touches of visitors a journey may hold, or with a
    /// form in the period, grouped by visitor in the order SQLite's loader gives them (by first touch for a short
    /// period, by visitor otherwise); the others counted in the server (``PeriodCounter``). With the rest counted, the
    /// listed touches are read without a cursor, as journeys are (``loadJourneys()``).
    mutating func loadPeriodTouches() throws -> PeriodTouches {
        var result = PeriodTouches()
        let rows = self.rows
        let start = scope.start.microseconds
        let lower = start - SessionRule.window
        let upper = scope.end.microseconds
        let counts = PeriodCounter.counts(scope)
        let bindings = periodBindings(counts: counts)
        let listedVisitors = counts ? "WITH listed AS MATERIALIZED (\(Self.listedVisitorsSQL(scope, from: 3, to: 2)))" : ""
        let listedOnly = counts ? "AND touch.visitor IN (SELECT visitor FROM listed)" : ""
        // A short period: its touches in time order, grouped by visitor in order of first sight; a long one: by
        // visitor.
        let short = try isShortPeriod()
        let sql = """
            \(listedVisitors) SELECT \(touchColumns), touch.visitor FROM touch
            WHERE at >= $1 AND at < $2 \(listedOnly) ORDER BY \(short ? "at, id" : "visitor, at, record_key")
            """
        if !short, try usesKeptPaths() {
            let kept = keptListingSQL(counts: counts)
            var listing = pendingListing
            pendingListing = nil
            if counts && listing == nil {
                listing = rows.start(kept, bindings)
                if pendingCount == nil { pendingCount = try startCounting(on: side) }
            }
            var touches: [StoredTouch] = []
            var ends: [Int] = []
            func add(_ row: inout ReportCells) throws {
                if try appendKeptTouches(try row.bytes(), from: lower, to: upper, into: &touches) > 0 {
                    ends.append(touches.count)
                }
            }
            if let listing { try listing.forEach(add) } else { try rows.forEach(kept, bindings, cursor: true, add) }
            return try periodTouches(touches, ends: ends, from: start, into: &result)
        }
        var listing: PendingRows?
        if counts {
            // The rest only counted: the listed touches are few enough to read without a cursor (as journeys are,
            // ``loadJourneys()``), and the count is sent before they are read.
            listing = rows.start(sql, bindings)
            if pendingCount == nil { pendingCount = try startCounting(on: side) }
        }
        func read(_ body: (inout ReportCells) throws -> Void) throws {
            if let listing { try listing.forEach(body) } else { try rows.forEach(sql, bindings, cursor: true, body) }
        }
        var touches: [StoredTouch] = []
        var ends: [Int] = []
        if short {
            var numbers: [String: Int] = [:]
            var groups: [[StoredTouch]] = []
            try read { row in
                let touch = try readTouch(&row)
                let visitor = try row.text()
                if let number = numbers[visitor] {
                    groups[number].append(touch)
                } else {
                    numbers[visitor] = groups.count
                    groups.append([touch])
                }
            }
            for group in groups {
                touches += group
                ends.append(touches.count)
            }
        } else {
            var currentVisitor = ArraySlice<UInt8>()
            try read { row in
                let touch = try readTouch(&row)
                let visitor = try row.bytes()
                if touches.isEmpty || visitor != currentVisitor {
                    if !touches.isEmpty { ends.append(touches.count) }
                    currentVisitor = visitor
                }
                touches.append(touch)
            }
            if !touches.isEmpty { ends.append(touches.count) }
        }
        return try periodTouches(touches, ends: ends, from: start, into: &result)
    }

    /// Appends the touches of a kept row (`visitor_touches.touches`) in `lower..<upper` as reports key them (a kept row
    /// holds no UTM value: read only when no key needs one, ``usesKeptPaths()``); returns how many.
    private mutating func appendKeptTouches(
        _ text: ArraySlice<UInt8>, from lower: Int64, to upper: Int64, into touches: inout [StoredTouch]
    ) throws -> Int {
        var none: [KeptPath.UTMDigest?]? = nil
        return try appendKeptTouches(text, from: lower, to: upper, into: &touches, digests: &none)
    }

    /// ``appendKeptTouches(_:from:to:into:)``, or with `digests` for a visitor's part of `lead_touches.touches`: each
    /// touch's digest of its UTM values appended there, at the same position as the touch.
    private mutating func appendKeptTouches(
        _ text: ArraySlice<UInt8>, from lower: Int64, to upper: Int64, into touches: inout [StoredTouch],
        digests: inout [KeptPath.UTMDigest?]?
    ) throws -> Int {
        try KeptPath.touches(
            of: text, channels: &keptChannels, into: &keptRow,
            table: digests == nil ? "visitor_touches" : "lead_touches", database: rows.transaction.database)
        let before = touches.count
        for touch in keptRow where touch.at >= lower && touch.at < upper {
            digests?.append(touch.utm)
            touches.append(
                touchKeys.touch(
                    id: touch.id, at: touch.at, isForm: touch.isForm, channelPosition: touch.key.channelPosition,
                    campaignID: touch.key.campaignID, utm: { _ in nil }))
        }
        return touches.count - before
    }

    /// Whether the period is short beside the history kept (a quarter of the span of every touch's time or less):
    /// its touches are then read in time order, from the touch table; a long one's by visitor.
    private mutating func isShortPeriod() throws -> Bool {
        if let shortPeriod { return shortPeriod }
        var first: Int64 = 0
        var last: Int64 = 0
        try rows.forEach("SELECT coalesce(min(at), 0), coalesce(max(at), 0) FROM touch") { row in
            first = try row.int()
            last = try row.int()
        }
        let short = (scope.end.microseconds - scope.start.microseconds + SessionRule.window) * 4 < last - first
        shortPeriod = short
        return short
    }

    /// The bindings of the period's listing: `$1`, `$2` the bounds (from a same-session window before the start),
    /// and when the rest is counted `$3` the start (``listedVisitorsSQL(_:from:to:)``).
    private func periodBindings(counts: Bool) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(scope.start.microseconds - SessionRule.window)
        bindings.append(scope.end.microseconds)
        if counts { bindings.append(scope.start.microseconds) }
        return bindings
    }

    /// A long period's visitors' kept rows (all of them, or only the listed ones when the rest is counted), by
    /// visitor; their touches outside the bounds are dropped as they are read. The listed ones are looked up one by
    /// one in visitor order (a `LATERAL` with `LIMIT 1` is never turned into a join), so that the probes walk the
    /// table's pages in order and no sort follows: the year's 99k rows in 0.43 s against 0.86 s for the plan
    /// PostgreSQL chose for `IN (listed)`, probing in hash order and then sorting.
    private func keptListingSQL(counts: Bool) -> String {
        guard counts else {
            return """
                SELECT kept.touches FROM visitor_touches AS kept
                WHERE kept.last_at >= $1 AND kept.first_at < $2 ORDER BY kept.visitor
                """
        }
        return """
            SELECT kept.touches
            FROM (SELECT DISTINCT visitor FROM (\(Self.listedVisitorsSQL(scope, from: 3, to: 2))) AS listed ORDER BY visitor)
                AS listed
            CROSS JOIN LATERAL (
                SELECT touches FROM visitor_touches AS kept
                WHERE kept.visitor = listed.visitor AND kept.last_at >= $1 AND kept.first_at < $2 LIMIT 1
            ) AS kept
            ORDER BY listed.visitor
            """
    }

    /// The period touches of `touches`, grouped by visitor at `ends`, after the same-session rule; with the count
    /// sent, if any.
    private mutating func periodTouches(
        _ touches: [StoredTouch], ends: [Int], from start: Int64, into result: inout PeriodTouches
    ) throws -> PeriodTouches {
        try prefetchSessions(touches, groups: ends)
        var groupStart = 0
        for end in ends {
            let kept = try visitorTouches(Array(touches[groupStart..<end]))
            JourneyAssembly.appendPeriodTouches(kept, from: start, to: &result)
            groupStart = end
        }
        if let pendingCount { result.counted = try countPeriodTouches(pendingCount) }
        pendingCount = nil
        return result
    }

    /// The visitors whose period touches are listed, not counted: those with a form in the period (the same-session
    /// rule may drop it) and, for null paths, every visitor a journey may hold (a lead's, or sharing a click id), whose
    /// touches a converting path may own. Parameters `from` and `to` are the numbers of the period's bounds.
    private static func listedVisitorsSQL(_ scope: ReportScope, from: Int, to: Int) -> String {
        let forms = "SELECT visitor FROM touch WHERE origin = 'form' AND at >= $\(from) AND at < $\(to)"
        guard scope.needsNullPaths else { return forms }
        return """
            \(forms) UNION SELECT visitor FROM lead_visitor
            UNION SELECT touch.visitor FROM shared_click_id JOIN touch ON touch.click_id = shared_click_id.click_id
            """
    }

    /// The columns a period touch's key depends on, as the count queries name them (``startCounting(on:)``).
    private var countedColumns: [String] { touchKeys.wantsUTM ? ["c0", "c1", "c2", "c3", "c4", "c5"] : ["c0", "c1"] }

    /// Sends the count of the period touches of the visitors ``listedVisitorsSQL(_:from:to:)`` leaves out, by the
    /// columns their key depends on; for null paths, each with the previous touch's columns and whether it is its
    /// visitor's last. On `side` when given (``startReading(withSide:)``), so it runs beside the rest of the report.
    private mutating func startCounting(on side: ReportSide?) throws -> PendingCount {
        var bindings = PostgresBindings()
        bindings.append(scope.start.microseconds)
        bindings.append(scope.end.microseconds)
        let columns =
            "\(TouchKeys.channelPositionSQL(column: "touch.channel")) AS c0, touch.campaign_id AS c1"
            + (touchKeys.wantsUTM
                ? ", touch.utm_source AS c2, touch.utm_medium AS c3, touch.utm_content AS c4, touch.utm_term AS c5" : "")
        let names = countedColumns
        let unlisted = """
            FROM touch WHERE at >= $1 AND at < $2
            AND NOT EXISTS (SELECT 1 FROM listed WHERE listed.visitor = touch.visitor)
            """
        let listed = "WITH listed AS MATERIALIZED (\(Self.listedVisitorsSQL(scope, from: 1, to: 2)))"
        guard scope.needsNullPaths else {
            return PendingCount(
                rows: rows.start(
                    "\(listed) SELECT \(columns), count(*) \(unlisted) GROUP BY \(names.joined(separator: ", "))",
                    bindings, on: side),
                byPath: false)
        }
        if try usesKeptPaths() {
            return PendingCount(rows: rows.start("\(listed) \(Self.keptPathCountSQL)", bindings, on: side), byPath: true)
        }
        // One window for every function (one pass in index order): the previous touch's columns, or −2 for a
        // visitor's first (a channel position is never negative but −1), and whether a next touch follows.
        let previous = names.map { name in
            name == "c0" ? "lag(c0, 1, -2) OVER visitor_path AS p_c0" : "lag(\(name)) OVER visitor_path AS p_\(name)"
        }
        let count = rows.start(
            """
            \(listed)
            SELECT p_c0 = -2, following = -3, \(names.map { "p_\($0)" }.joined(separator: ", ")),
                \(names.joined(separator: ", ")), count(*)
            FROM (
                SELECT \(names.joined(separator: ", ")), \(previous.joined(separator: ", ")),
                    lead(c0, 1, -3) OVER visitor_path AS following
                FROM (SELECT \(columns), touch.visitor, touch.at, touch.record_key \(unlisted)) AS touch
                WINDOW visitor_path AS (PARTITION BY visitor ORDER BY at, record_key)
            ) AS steps
            GROUP BY \((1...(2 + 2 * names.count)).map(String.init).joined(separator: ", "))
            """, bindings, on: side)
        return PendingCount(rows: count, byPath: false)
    }

    /// Whether the kept rows (schema 18: `visitor_path`, `visitor_touches`) can stand for the touch table — for the
    /// leads' journeys, a long period's listed touches and Markov's null paths: when a touch's key has no UTM value
    /// (the rows keep channel and campaign alone) and no write is noted in the snapshot (a report inside a
    /// transaction that wrote touches, whose rows are rewritten only as it commits, reads the touch table). Asked
    /// once a report.
    private mutating func usesKeptPaths() throws -> Bool {
        if let keptPaths { return keptPaths }
        var noted = true
        if !touchKeys.wantsUTM {
            try rows.forEach(
                "SELECT EXISTS (SELECT 1 FROM visitor_path_stale) OR EXISTS (SELECT 1 FROM visitor_path_pending)"
            ) { row in noted = try row.int() != 0 }
        }
        keptPaths = !noted
        return !noted
    }

    /// The null paths of the period from the kept rows, counted by path (`$1`, `$2`: the period's bounds; `listed`:
    /// ``listedVisitorsSQL(_:from:to:)``): a visitor whose touches all lie in the period counts its kept path; one
    /// with touches on both sides of a bound counts the path of its touches inside, built from the touch table in
    /// the kept rows' form (`schema/postgres/0018_kept_visitor_touches.sql`).
    private static let keptPathCountSQL = """
        SELECT path, count(*) FROM (
            SELECT path FROM visitor_path AS kept
            WHERE first_at >= $1 AND last_at < $2 AND NOT EXISTS (SELECT 1 FROM listed WHERE listed.visitor = kept.visitor)
            UNION ALL
            SELECT string_agg(touch.channel || ':' || coalesce(touch.campaign_id::text, ''), ','
                              ORDER BY touch.at, touch.record_key)
            FROM visitor_path AS kept JOIN touch ON touch.visitor = kept.visitor AND touch.at >= $1 AND touch.at < $2
            WHERE kept.last_at >= $1 AND kept.first_at < $2 AND (kept.first_at < $1 OR kept.last_at >= $2)
                AND NOT EXISTS (SELECT 1 FROM listed WHERE listed.visitor = kept.visitor)
            GROUP BY kept.visitor
        ) AS paths GROUP BY path
        """

    /// The counts a query of ``startCounting(on:)`` returns, under the report's keys.
    private mutating func countPeriodTouches(_ count: PendingCount) throws -> CountedTouches {
        var counter = PeriodCounter()
        let pending = count.rows
        if count.byPath {
            let database = rows.transaction.database
            var channels = TouchKeys.ChannelPositions()
            var steps: [RawTouchKey] = []
            try pending.forEach { row in
                let path = try row.bytes()
                let visitors = try row.int()
                try KeptPath.steps(of: path, channels: &channels, into: &steps, database: database)
                for (index, step) in steps.enumerated() {
                    counter.add(
                        step, previous: index == 0 ? nil : steps[index - 1], isLast: index == steps.count - 1,
                        count: visitors)
                }
            }
            return counter.counted(keys: &touchKeys)
        }
        let wantsUTM = touchKeys.wantsUTM
        let width = countedColumns.count
        func raw(_ row: inout ReportCells) throws -> RawTouchKey? {
            guard let channel = try row.optionalInt() else {
                for _ in 1..<width { _ = try row.optionalText() }
                return nil
            }
            let campaign = try row.optionalInt()
            let utm = wantsUTM ? [try row.optionalText(), try row.optionalText(), try row.optionalText(), try row.optionalText()] : []
            return RawTouchKey(channelPosition: Int(channel), campaignID: campaign, utm: utm)
        }
        if scope.needsNullPaths {
            try pending.forEach { row in
                let isFirst = try row.int() != 0
                let isLast = try row.int() != 0
                let previous = try raw(&row)
                guard let touch = try raw(&row) else { return }
                counter.add(touch, previous: isFirst ? nil : previous, isLast: isLast, count: try row.int())
            }
        } else {
            try pending.forEach { row in
                guard let touch = try raw(&row) else { return }
                counter.add(touch, count: try row.int())
            }
        }
        return counter.counted(keys: &touchKeys)
    }

    private static func notStarted(_ rows: ReportRows) -> StoreError {
        .databaseFailure(path: rows.transaction.database, reason: "a report read its rows before sending their queries")
    }

    /// Spend rows of the period, each with its campaign's key and platform.
    func loadSpend() throws -> [Spend] {
        var currencies: [String: Currency] = [:]
        var spend: [Spend] = []
        var bindings = PostgresBindings()
        bindings.append(scope.from.description)
        bindings.append(scope.to.description)
        try rows.forEach(
            """
            SELECT day, campaign_id, amount_minor, currency, platform, impressions, reach, clicks, engagements
            FROM spend WHERE day >= $1 AND day <= $2 ORDER BY day, campaign_id
            """, bindings
        ) { row in
            let day = try row.text()
            let campaignID = try row.int()
            let minor = try row.int()
            let code = try row.text()
            let currency = try currencies[code] ?? Currency(code: code)
            currencies[code] = currency
            let platform = try row.optionalText()
            let counts = (try row.int(), try row.int(), try row.int(), try row.int())
            guard let campaign = campaigns[campaignID], let date = try? CalendarDate(parsing: day) else { return }
            spend.append(
                Spend(
                    date: date, campaign: campaign.key, amount: Money(minorUnits: minor, currency: currency),
                    platform: platform.flatMap(Platform.init(rawValue:)) ?? campaign.platform,
                    impressions: counts.0, reach: counts.1, clicks: counts.2, engagements: counts.3))
        }
        return spend
    }
}
#endif
