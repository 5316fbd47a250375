import GRDB
internal import GRDBSQLite
import Glibc
public import LeadTrailCore
import LeadTrailJourneys
import Logging

extension SQLiteStore {
    /// Loads what a report of the scope reads, in one read transaction so that every figure comes from one state of
    /// the data.
    ///
    /// The rules that decide who gets the money are the journey engine's (`LeadTrailJourneys`): identity
    /// (``PersonGraph``), the same-session rule (``SessionRule``), touch order (``TouchOrder``) and which leads and how
    /// far back a report reads (``JourneyNeeds``). This store only streams the rows they judge, from all the data,
    /// so the import order never matters.
    public func reportData(_ scope: ReportScope) throws -> ReportData {
        try read { db in
            var clock = ReportStepClock(logger: logger)
            // A database of an older schema is read before its first write migrates it: it has no `shared_contact`.
            let span = try Row.fetchOne(db, sql: PeriodReadSQL.leadSpan)
            let first: Int64? = span?[0]
            let last: Int64? = span?[1]
            let sql = PeriodReadSQL(
                scope, leadSpan: first.flatMap { first in last.map { (first, $0) } },
                keepsSharedContacts: try db.tableExists("shared_contact"))
            // A short period's leads and deals are found once and read by id; a long one reads whole tables.
            let needed = sql.readsWholeTables ? nil : try NeededRows(sql, db)
            // A short period's rows are a few thousand pages scattered over the file: mapped, each is read without a
            // system call and a copy (June's ROAS on the benchmark's year, 1.4 GB: 8 ms of 70). A long one reads
            // most of the file, no faster mapped, and the mapped pages would count in its memory: it unmaps.
            try db.execute(sql: "PRAGMA mmap_size = \(needed == nil ? 0 : Self.mappedBytes)")
            var loader = ReportLoader(scope: scope, sql: sql, needed: needed)
            try loader.loadCampaigns(db)
            let deals = try Self.deals(sql, needed: needed, db)
            clock.lap("deals")
            try loader.loadIdentity(db)
            clock.lap("identity")
            try loader.loadLeads(db, deals: deals)
            clock.lap("leads")
            try loader.loadJourneys(db)
            clock.lap("journeys")
            let periodTouches = scope.needsPeriodTouches ? try loader.loadPeriodTouches(db) : nil
            clock.lap("period touches")
            let spend = try loader.loadSpend(db)
            let rates = ExchangeRates(try Self.rates(db))
            clock.lap("spend and rates")
            return ReportData(
                keys: loader.keys, leads: loader.leads, deals: loader.kept(deals), spend: spend, rates: rates,
                periodTouches: periodTouches
            ).numberingKeysInOrder()
        }
    }

    /// How much of the file a short period's report maps: all of it, as far as SQLite's limit (2 GB) goes.
    static let mappedBytes: Int64 = 1 << 31

    /// The deals a report of the period reads (``PeriodReadSQL``, by id when `needed` lists them) with their
    /// refunds, in two queries.
    static func deals(_ sql: PeriodReadSQL, needed: NeededRows?, _ db: Database) throws -> [Deal] {
        var refunds: [Int64: [(minor: Int64, at: Int64)]] = [:]
        let refundQuery = needed?.refundRows ?? (sql: sql.refunds, arguments: [])
        let refundRows = try RawRows(db, sql: refundQuery.sql, arguments: refundQuery.arguments)
        while let row = try refundRows.next() {
            refunds[row.int64(0), default: []].append((row.int64(1), row.int64(2)))
        }
        var currencies: [String: Currency] = [:]
        var deals: [Deal] = []
        let dealQuery = needed?.dealRows ?? (sql: sql.deals, arguments: [])
        let rows = try RawRows(db, sql: dealQuery.sql, arguments: dealQuery.arguments)
        while let row = try rows.next() {
            let code = row.text(4) ?? ""
            let currency = try currencies[code] ?? Currency(code: code)
            currencies[code] = currency
            let id = row.int64(0)
            deals.append(
                Deal(
                    id: id, externalID: row.text(1), leadID: row.optionalInt64(2),
                    amount: Money(minorUnits: row.int64(3), currency: currency),
                    status: row.text(5).flatMap(DealStatus.init(rawValue:)) ?? .open,
                    createdAt: Timestamp(microseconds: row.int64(6)),
                    closedAt: row.optionalInt64(7).map(Timestamp.init(microseconds:)),
                    refunds: (refunds[id] ?? []).map {
                        Refund(
                            amount: Money(minorUnits: $0.minor, currency: currency), at: Timestamp(microseconds: $0.at))
                    }))
        }
        return deals
    }
}

/// Journey rows read but not yet judged by the same-session rule, grouped by lead and visitor.
private struct PendingJourneys {
    var touches: [StoredTouch] = []
    /// Each group's lead (its position in the loader's leads) and end in ``touches``; a group starts where the
    /// previous one ends.
    var groups: [(lead: Int, end: Int)] = []
}

/// The session keys of touches (``SessionKey``: their normalised UTM values), by id, once read from a visitor path
/// or looked up: shared by the steps of one load.
private final class SessionValues {
    var byTouch: [Int64: SessionKey] = [:]
}

/// Visitor ids → numbers `0, 1, 2…` in order of first sight, hashed from their bytes (FNV-1a, open addressing):
/// grouping a month's touches by visitor in memory, where hashing a `String` per touch costs more.
private struct VisitorNumbers {
    /// Each slot holds a number in its low 32 bits and its hash's high 32 bits above, or 0 when empty (numbers are
    /// stored plus one).
    private var slots: [UInt64]
    private var hashes: [UInt64] = []
    /// The ids' bytes, one after another; number `n`'s are `bytes[starts[n]..<starts[n + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]

    var count: Int { hashes.count }

    init(capacity: Int) {
        var size = 1024
        while size < capacity { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
    }

    mutating func number(of visitor: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(visitor)
        if let found = find(visitor, hash: hash) { return found }
        let number = Int32(hashes.count)
        insert(number, hash: hash)
        hashes.append(hash)
        bytes.append(contentsOf: visitor)
        starts.append(bytes.count)
        if hashes.count * 2 > slots.count {
            slots = [UInt64](repeating: 0, count: slots.count * 2)
            for (number, hash) in hashes.enumerated() { insert(Int32(number), hash: hash) }
        }
        return number
    }

    /// Whether a visitor has a number, without giving it one.
    func contains(_ visitor: UnsafeBufferPointer<UInt8>) -> Bool {
        find(visitor, hash: Self.hash(visitor)) != nil
    }

    private static func hash(_ visitor: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in visitor { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash ^ (hash >> 29)
    }

    private func find(_ visitor: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        let tag = hash & 0xffff_ffff_0000_0000
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { bytes in
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let entry = slots[slot]
                    if entry == 0 { return nil }
                    if entry & 0xffff_ffff_0000_0000 == tag {
                        let number = Int(entry & 0xffff_ffff) - 1
                        let start = starts[number]
                        let known = UnsafeBufferPointer(rebasing: bytes[start..<starts[number + 1]])
                        if known.count == visitor.count && known.elementsEqual(visitor) { return Int32(number) }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    private mutating func insert(_ number: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash & 0xffff_ffff_0000_0000) | UInt64(number + 1)
    }
}

/// Whether a text's bytes equal others.
private func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    guard lhs.count > 0, let left = lhs.baseAddress else { return true }
    return rhs.withUnsafeBufferPointer { right in right.baseAddress.map { memcmp(left, $0, lhs.count) == 0 } ?? false }
}

/// The steps of `reportData`, sharing the key table and the campaign lookup.
///
/// Most of a year's report is spent here, once per touch, so the loops avoid work per row: columns arrive as
/// integers where SQL can make them so (the channel as its position in `Channel.allCases`, the origin as a flag),
/// report keys are cached per campaign id and channel, and journeys stream in lead order rather than through a
/// dictionary of visitors.
private struct ReportLoader {
    let scope: ReportScope
    /// What of the leads, deals and identity the scope reads.
    let sql: PeriodReadSQL
    /// The needed leads and deals of a short period, by id; nil when ``sql`` reads whole tables.
    let needed: NeededRows?
    var leads: [ReportLead] = []
    /// Every campaign, by id: spend rows name theirs.
    private var campaigns: [Int64: TouchKeys.Campaign] = [:]
    /// The journey engine's keying of touches in the scope's dimension.
    private var touchKeys: TouchKeys
    /// How many leads there are in all, about: the highest lead id (counting them would read every one).
    private var leadCount = 0
    /// The emails and phones shared by several leads: the only ones the identity walk can follow.
    private var sharedEmails = Set<String>()
    private var sharedPhones = Set<String>()
    /// Identity beyond a lead's own visitors: the journey engine's rule, fed by this store's rows.
    private var graph = PersonGraph()
    /// The leads with more than one visitor of their own: read only when journeys come from the touch table.
    private var multiVisitorLeads = Set<Int64>()
    /// Position in ``leads`` → every visitor of the lead, for the leads whose journey is not simply their own
    /// visitors' touches (the same person's earlier leads, visitors sharing a click id).
    private var mergedVisitors: [Int: [String]] = [:]
    private var needs: JourneyNeeds?
    /// The normalised UTM values of the touches the same-session rule compared: journeys and period touches judge
    /// the same forms.
    private let sessions = SessionValues()
    /// Journey rows read, before the same-session rule.
    private var pending = PendingJourneys()
    /// Channel text → position in `Channel.allCases`.
    private var channelPositions = TouchKeys.ChannelPositions()
    /// Whether schema 17's visitor paths are current, once asked (``pathsAreCurrent(_:)``).
    private var pathsCurrent: Bool?

    init(scope: ReportScope, sql: PeriodReadSQL, needed: NeededRows?) {
        self.scope = scope
        self.sql = sql
        self.needed = needed
        touchKeys = TouchKeys(scope: scope, campaigns: [:])
    }

    /// The dimension's keys met so far.
    var keys: KeyTable { touchKeys.keys }

    /// The deals a report reads of those loaded (all of them when ``sql`` read whole tables), once the leads are.
    func kept(_ deals: [Deal]) -> [Deal] {
        guard let needs else { return deals }
        return deals.filter(needs.keeps)
    }

    mutating func loadCampaigns(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, key, platform FROM campaign") {
            campaigns[row[0]] = TouchKeys.Campaign(key: row[1], platform: Platform(rawValue: row[2]) ?? .other)
        }
        touchKeys = TouchKeys(scope: scope, campaigns: campaigns)
    }

    /// What identity can follow beyond a lead's own visitors: emails and phones shared by several leads, and
    /// visitors sharing a click id.
    mutating func loadIdentity(_ db: Database) throws {
        // Identity reaches beyond a lead's own visitors only through a shared email or phone, or a shared click id;
        // few leads have either, so only theirs are kept.
        let sharedEmails = Set(try String.fetchAll(db, sql: sql.sharedContacts("email")))
        let sharedPhones = Set(try String.fetchAll(db, sql: sql.sharedContacts("phone")))
        // The click ids two or more visitors share are kept by schema 5's triggers; each one's visitors are asked.
        let repeated = try String.fetchAll(db, sql: "SELECT click_id FROM shared_click_id ORDER BY click_id")
        let links = try db.cachedStatement(
            sql: """
                SELECT DISTINCT mine.visitor, other.visitor
                FROM touch AS mine
                JOIN touch AS other ON other.click_id = mine.click_id AND other.click_id_type = mine.click_id_type
                    AND other.click_id IS NOT NULL AND other.visitor <> mine.visitor
                WHERE mine.click_id = ? AND mine.click_id IS NOT NULL
                """)
        for clickID in repeated {
            let rows = try Row.fetchCursor(links, arguments: [clickID])
            while let row = try rows.next() {
                graph.linkByClickID(row[0], row[1])
            }
        }
        self.sharedEmails = sharedEmails
        self.sharedPhones = sharedPhones
    }

    /// The leads a report of the period can need, their visitors, and how far back their journeys reach.
    mutating func loadLeads(_ db: Database, deals: [Deal]) throws {
        var needs = JourneyNeeds(scope: scope, deals: deals)
        // The needed leads (every lead when `PeriodReadSQL` reads whole tables): `needs` keeps the needed ones and
        // learns how far back their journeys reach.
        leadCount = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM lead") ?? 0
        let leadQuery = needed?.leadRows ?? (sql: sql.leads, arguments: [])
        let rows = try RawRows(db, sql: leadQuery.sql, arguments: leadQuery.arguments)
        while let row = try rows.next() {
            let id = row.int64(0)
            let createdAt = row.int64(1)
            guard needs.needs(lead: id, createdAt: createdAt) else { continue }
            leads.append(
                ReportLead(
                    id: id, createdAt: Timestamp(microseconds: createdAt), owner: row.text(2),
                    stage: row.text(3).flatMap(Stage.init(rawValue:)) ?? .new, history: [], touches: [], touchIDs: []))
        }
        if !sharedEmails.isEmpty || !sharedPhones.isEmpty {
            // Identity follows a shared contact to leads of any time: every lead with one, in id order.
            let people = try RawRows(db, sql: sql.people, arguments: [])
            while let row = try people.next() {
                let email = row.text(2).flatMap { sharedEmails.contains($0) ? $0 : nil }
                let phone = row.text(3).flatMap { sharedPhones.contains($0) ? $0 : nil }
                graph.addPerson(lead: row.int64(0), createdAt: row.int64(1), sharedEmail: email, sharedPhone: phone)
            }
        }
        // Stage changes and leads are both in id order: one merging pass.
        let correction = try SQLiteStore.correctionColumn(db)
        let changeQuery =
            needed?.stageChangeRows(sql, correction: correction)
            ?? (sql: sql.stageChanges(correction: correction), arguments: [])
        let changes = try RawRows(db, sql: changeQuery.sql, arguments: changeQuery.arguments)
        var position = 0
        while let row = try changes.next() {
            let leadID = row.int64(0)
            while position < leads.count && leads[position].id < leadID { position += 1 }
            guard position < leads.count, leads[position].id == leadID else { continue }
            leads[position].history.append(
                StageChange(
                    from: row.text(1).flatMap(Stage.init(rawValue:)),
                    to: row.text(2).flatMap(Stage.init(rawValue:)) ?? .new,
                    at: Timestamp(microseconds: row.int64(3)), by: row.text(4),
                    kind: row.int64(5) == 1 ? .correction : .move))
        }
        self.needs = needs
        if !graph.isEmpty {
            let visitorRows = try Row.fetchCursor(db, sql: sql.identityVisitors)
            var current: Int64?
            var own: [String] = []
            var linked = false
            func flush() {
                if let current, graph.isPerson(current) || linked { graph.setOwnVisitors(own, ofLead: current) }
            }
            while let row = try visitorRows.next() {
                let leadID: Int64 = row[0]
                if leadID != current {
                    flush()
                    current = leadID
                    own.removeAll()
                    linked = false
                }
                let visitor: String = row[1]
                own.append(visitor)
                if graph.hasClickLink(visitor) { linked = true }
            }
            flush()
            for (position, lead) in leads.enumerated() where graph.isMerged(lead.id) {
                mergedVisitors[position] = graph.visitors(ofLead: lead.id)
            }
        }
    }

    /// Each needed lead's touches: its visitors' touches from the earliest journey start to the period's end.
    mutating func loadJourneys(_ db: Database) throws {
        guard !leads.isEmpty, let needs else { return }
        let lower = needs.readStart
        let upper = scope.end.microseconds
        let simpleCount = leads.count - mergedVisitors.count
        // Most leads' journeys are their own visitors' touches, read in lead order. One pass over every lead's
        // (ordered probes of the covering index) beats a lookup per lead when most leads are needed. Fewer (a short
        // period's, or a year's sales: one lead in five, scattered) are looked up by the list of their ids, which
        // is the outer loop (CROSS JOIN): rows come in its order without a sort (sorting the year's sales' rows
        // cost 0.2 s), and `readJourneys` checks that they do. Within a lead's visitor, rows come in the index's
        // (visitor, at, record key) order; `order(_:_:byRecordKey:)` checks it.
        let leadColumn = touchColumnCount
        let touchJoin =
            "JOIN touch INDEXED BY touch_by_visitor ON touch.visitor = lv.visitor AND touch.at >= ? AND touch.at < ?"
        let everyLead = simpleCount * 4 >= leadCount
        /// The needed simple leads' ids, as the JSON array `json_each` lists.
        func neededIDs() -> String {
            SQLiteStore.idList(leads.indices.filter { mergedVisitors[$0] == nil }.map { leads[$0].id })
        }
        if simpleCount == 0 {
            // Every needed lead's journey is a person's or reaches a visitor sharing a click id: read below.
        } else if !touchKeys.wantsUTM, try pathsAreCurrent(db), try SQLiteStore.leadPathsFollowVisitorPaths(db) {
            // Schema 20: one row per lead, its visitors' paths one after another; a period's leads lie together.
            let rows = try RawRows(
                db,
                sql: everyLead
                    ? "SELECT lead_id, paths FROM lead_path ORDER BY lead_id"
                    : """
                    SELECT lp.lead_id, lp.paths
                    FROM json_each(?) AS needed CROSS JOIN lead_path AS lp ON lp.lead_id = needed.value
                    """,
                arguments: everyLead ? [] : [neededIDs()])
            try readLeadPaths(rows, from: lower, to: upper)
        } else if !touchKeys.wantsUTM, try pathsAreCurrent(db) {
            // Schema 17: one row per visitor, its touches in the same order.
            let columns = "lv.lead_id, lv.visitor, vp.touches"
            let pathJoin = "JOIN visitor_path AS vp ON vp.visitor = lv.visitor"
            let rows = try RawRows(
                db,
                sql: everyLead
                    ? "SELECT \(columns) FROM lead_visitor AS lv \(pathJoin) ORDER BY lv.lead_id, lv.visitor"
                    : """
                    SELECT \(columns)
                    FROM json_each(?) AS needed CROSS JOIN lead_visitor AS lv ON lv.lead_id = needed.value \(pathJoin)
                    """,
                arguments: everyLead ? [] : [neededIDs()])
            try readJourneyPaths(rows, from: lower, to: upper)
        } else {
            multiVisitorLeads = Set(try Int64.fetchAll(db, sql: sql.multiVisitorLeads))
            let columns = "\(touchColumns), lv.lead_id, lv.visitor"
            let rows = try RawRows(
                db,
                sql: everyLead
                    ? "SELECT \(columns) FROM lead_visitor AS lv \(touchJoin) ORDER BY lv.lead_id, lv.visitor"
                    : """
                    SELECT \(columns)
                    FROM json_each(?) AS needed CROSS JOIN lead_visitor AS lv ON lv.lead_id = needed.value \(touchJoin)
                    """,
                arguments: everyLead ? [lower, upper] : [neededIDs(), lower, upper])
            try readJourneys(rows, leadColumn: leadColumn)
        }
        try finishPendingJourneys(db)
        guard !mergedVisitors.isEmpty else { return }
        // The rest: every visitor of a person, or linked by a click id, each read once.
        let statement = try db.cachedStatement(
            sql: "SELECT \(touchColumns) FROM touch WHERE visitor = ? AND at >= ? AND at < ? ORDER BY at, record_key")
        var visitorTouches: [String: [StoredTouch]] = [:]
        for position in mergedVisitors.keys.sorted() {
            var merged: [StoredTouch] = []
            for visitor in mergedVisitors[position] ?? [] {
                if let known = visitorTouches[visitor] {
                    merged += known
                    continue
                }
                var touches: [StoredTouch] = []
                let rows = try RawRows(statement, arguments: [visitor, lower, upper], db)
                while let row = try rows.next() { touches.append(loadedTouch(row)) }
                touches = try Self.visitorTouches(touches, sessions, db)
                visitorTouches[visitor] = touches
                merged += touches
            }
            JourneyAssembly.setTouches(try Self.journey(merged, db), of: &leads[position])
        }
    }

    /// Reads journey rows (touch columns, then lead id and visitor) ordered by lead and visitor into
    /// ``pending``, grouped by the simple leads' visitors.
    private mutating func readJourneys(_ rows: RawRows, leadColumn: Int32) throws {
        var position = 0
        var currentLead: Int64?
        var isSelected = false
        var isMultiVisitor = false
        var currentVisitor: [UInt8] = []
        var groupStart = pending.touches.count
        while let row = try rows.next() {
            let leadID = row.int64(leadColumn)
            if leadID != currentLead {
                if let currentLead, leadID < currentLead {
                    throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "journey rows came out of lead order")
                }
                if pending.touches.count > groupStart { pending.groups.append((position, pending.touches.count)) }
                groupStart = pending.touches.count
                currentLead = leadID
                while position < leads.count && leads[position].id < leadID { position += 1 }
                isSelected = position < leads.count && leads[position].id == leadID && mergedVisitors[position] == nil
                isMultiVisitor = multiVisitorLeads.contains(leadID)
                currentVisitor.removeAll(keepingCapacity: true)
            }
            guard isSelected else { continue }
            if isMultiVisitor {
                let visitor = row.bytes(leadColumn + 1)
                if pending.touches.count == groupStart || !equal(visitor, currentVisitor) {
                    if pending.touches.count > groupStart { pending.groups.append((position, pending.touches.count)) }
                    groupStart = pending.touches.count
                    currentVisitor.replaceSubrange(currentVisitor.indices, with: visitor)
                }
            }
            pending.touches.append(loadedTouch(row))
        }
        if pending.touches.count > groupStart { pending.groups.append((position, pending.touches.count)) }
    }

    /// Whether schema 17's visitor paths hold every touch (asked once per load).
    private mutating func pathsAreCurrent(_ db: Database) throws -> Bool {
        if let known = pathsCurrent { return known }
        let current = try SQLiteStore.visitorPathsAreCurrent(db)
        pathsCurrent = current
        return current
    }

    /// Reads visitor paths (lead id, visitor, `visitor_path.touches`) ordered by lead and visitor into ``pending``,
    /// as ``readJourneys(_:leadColumn:)`` reads touch rows: a group per visitor of a simple lead, its touches from
    /// `lower` to before `upper`.
    private mutating func readJourneyPaths(_ rows: RawRows, from lower: Int64, to upper: Int64) throws {
        var position = 0
        var currentLead: Int64?
        var isSelected = false
        while let row = try rows.next() {
            let leadID = row.int64(0)
            if leadID != currentLead {
                if let currentLead, leadID < currentLead {
                    throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "journey rows came out of lead order")
                }
                currentLead = leadID
                while position < leads.count && leads[position].id < leadID { position += 1 }
                isSelected = position < leads.count && leads[position].id == leadID && mergedVisitors[position] == nil
            }
            guard isSelected else { continue }
            try appendGroup(path: row.blob(2), lead: position, from: lower, to: upper)
        }
    }

    /// Adds one visitor's path, its touches from `lower` to before `upper`, to ``pending`` as a group of the lead at
    /// `lead` (none when it has no such touch); the kept session keys go to ``sessions``.
    private mutating func appendGroup(
        path: UnsafeRawBufferPointer, lead: Int, from lower: Int64, to upper: Int64
    ) throws {
        let groupStart = pending.touches.count
        try VisitorPath.forEach(in: path) { touch in
            guard touch.at >= lower && touch.at < upper else { return }
            if let session = touch.session { sessions.byTouch[touch.id] = session }
            pending.touches.append(keyed(touch))
        }
        if pending.touches.count > groupStart { pending.groups.append((lead, pending.touches.count)) }
    }

    /// Reads lead paths (lead id, `lead_path.paths`) in lead order into ``pending``, as
    /// ``readJourneyPaths(_:from:to:)`` reads visitor paths: a group per visitor of a simple lead.
    private mutating func readLeadPaths(_ rows: RawRows, from lower: Int64, to upper: Int64) throws {
        var position = 0
        var previous: Int64?
        while let row = try rows.next() {
            let leadID = row.int64(0)
            if let previous, leadID <= previous {
                throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "lead paths came out of lead order")
            }
            previous = leadID
            while position < leads.count && leads[position].id < leadID { position += 1 }
            guard position < leads.count, leads[position].id == leadID, mergedVisitors[position] == nil else {
                continue
            }
            try LeadPath.forEachVisitor(in: row.blob(1)) { path in
                try appendGroup(path: path, lead: position, from: lower, to: upper)
            }
        }
    }

    /// The simple leads' journeys from ``pending``: each visitor's touches after the same-session rule, merged in
    /// time order then record key as Swift orders strings, whatever the visitors.
    private mutating func finishPendingJourneys(_ db: Database) throws {
        try prefetchSessions(of: pending, db)
        var start = 0
        var currentLead = -1
        var journey: [StoredTouch] = []
        var group: [StoredTouch] = []
        for (lead, end) in pending.groups {
            if lead != currentLead {
                if currentLead >= 0 {
                    JourneyAssembly.setTouches(try Self.journey(journey, db), of: &leads[currentLead])
                }
                currentLead = lead
                journey.removeAll(keepingCapacity: true)
            }
            group.removeAll(keepingCapacity: true)
            group += pending.touches[start..<end]
            journey += try Self.visitorTouches(group, sessions, db)
            start = end
        }
        if currentLead >= 0 {
            JourneyAssembly.setTouches(try Self.journey(journey, db), of: &leads[currentLead])
        }
        pending = PendingJourneys()
    }

    /// Looks up, in one query in id order (``SQLiteStore/sessionKeys(of:_:)``), the keys the same-session rule may
    /// compare (``SessionRule/comparedTouches(in:_:)``) and no visitor path brought. One at a time they are random
    /// reads of the table, a year's worth taking a tenth of a second.
    private func prefetchSessions(of pending: PendingJourneys, _ db: Database) throws {
        var ids: [Int64] = []
        var start = 0
        for (_, end) in pending.groups {
            let group = pending.touches[start..<end]
            start = end
            SessionRule.comparedTouches(in: group) { id in
                if sessions.byTouch[id] == nil { ids.append(id) }
            }
        }
        sessions.byTouch.merge(try SQLiteStore.sessionKeys(of: ids, db)) { known, _ in known }
    }

    /// Every touch of the period after the same-session rule: the touches of visitors a journey may hold, or with a
    /// form in the period, grouped by visitor; the others counted (``PeriodTouches/counted``), as PostgreSQL's loader
    /// does in the server.
    mutating func loadPeriodTouches(_ db: Database) throws -> PeriodTouches {
        var result = PeriodTouches()
        let start = scope.start.microseconds
        let lower = start - SessionRule.window
        let upper = scope.end.microseconds
        let counts = PeriodCounter.counts(scope)
        // A database of an older schema, read before its first write migrates it, has not the indexes it needs.
        if try counts && !scope.needsNullPaths && !touchKeys.wantsUTM
            && db.indexes(on: "touch").contains(where: { $0.name == "touch_form_by_time" })
        {
            return try countPeriodTouches(db)
        }
        // The visitors a journey may hold, for null paths; a visitor with a form in the period is listed too, which
        // its own touches tell. Leads' visitors come in the index's order, which the scans in visitor order below
        // merge with (a `UNION` with the click-linked ones cost 0.18 s of sorting); the few visitors sharing a click
        // id are looked up apart.
        var leadVisitors = SortedVisitors()
        var clickLinkedVisitors = VisitorNumbers(capacity: 0)
        if counts && scope.needsNullPaths {
            let rows = try RawRows(
                db, sql: "SELECT visitor FROM lead_visitor INDEXED BY lead_visitor_by_visitor ORDER BY visitor",
                arguments: [])
            while let row = try rows.next() { try leadVisitors.append(row.bytes(0)) }
            let linked = try RawRows(
                db,
                sql: """
                    SELECT touch.visitor FROM shared_click_id
                    CROSS JOIN touch ON touch.click_id = shared_click_id.click_id
                    """, arguments: [])
            while let row = try linked.next() { _ = clickLinkedVisitors.number(of: row.bytes(0)) }
        }
        /// Whether a visitor met in ascending order (the scans by visitor) is one a journey may hold.
        func isJourneyVisitor(inOrder visitor: UnsafeBufferPointer<UInt8>) throws -> Bool {
            try leadVisitors.containsAscending(visitor)
                || (clickLinkedVisitors.count > 0 && clickLinkedVisitors.contains(visitor))
        }
        func isListed(_ group: [StoredTouch], visitor: Bool) -> Bool {
            !counts || visitor || group.contains { $0.isForm && $0.at >= start }
        }
        var tally = PathTally(countsSteps: scope.needsNullPaths)
        /// One unlisted visitor's touches, in journey order: those of the period counted, never listed.
        func count(_ group: [StoredTouch]) {
            let first = group.firstIndex { $0.at >= start } ?? group.endIndex
            tally.add(path: group[first...].lazy.map(\.key))
        }
        func append(_ group: [StoredTouch], to result: inout PeriodTouches) throws {
            JourneyAssembly.appendPeriodTouches(try Self.visitorTouches(group, sessions, db), from: start, to: &result)
        }
        let span = try Row.fetchOne(db, sql: "SELECT (SELECT min(at) FROM touch), (SELECT max(at) FROM touch)")
        let first: Int64 = span?[0] ?? 0
        let last: Int64 = span?[1] ?? 0
        let visitorColumn = touchColumnCount
        if (upper - lower) * 4 < last - first {
            // A short period is a small slice of the time index: its touches, grouped by visitor in memory (in
            // time order, by a counting sort), cost less than skipping through every visitor's touches.
            let rows = try RawRows(
                db,
                sql: "SELECT \(touchColumns), visitor FROM touch INDEXED BY touch_by_time WHERE at >= ? AND at < ?",
                arguments: [lower, upper])
            let expected =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM touch INDEXED BY touch_by_time WHERE at >= ? AND at < ?",
                    arguments: [lower, upper]) ?? 0
            // Touches come in time order here: the journey visitors are looked up by hash.
            var journeyVisitors = clickLinkedVisitors
            leadVisitors.forEach { _ = journeyVisitors.number(of: $0) }
            var visitors = VisitorNumbers(capacity: expected)
            var isJourneyVisitor: [Bool] = []
            var touches: [StoredTouch] = []
            var groups: [Int32] = []
            touches.reserveCapacity(expected)
            groups.reserveCapacity(expected)
            while let row = try rows.next() {
                let visitor = row.bytes(visitorColumn)
                let number = visitors.number(of: visitor)
                if Int(number) == isJourneyVisitor.count { isJourneyVisitor.append(journeyVisitors.contains(visitor)) }
                groups.append(number)
                touches.append(loadedTouch(row))
            }
            var ends = [Int](repeating: 0, count: visitors.count + 1)
            for group in groups { ends[Int(group) + 1] += 1 }
            for index in 1..<ends.count { ends[index] += ends[index - 1] }
            var next = ends
            var sorted = touches
            for (touch, group) in zip(touches, groups) {
                sorted[next[Int(group)]] = touch
                next[Int(group)] += 1
            }
            var group: [StoredTouch] = []
            for index in 1..<ends.count {
                group.removeAll(keepingCapacity: true)
                group += sorted[ends[index - 1]..<ends[index]]
                if isListed(group, visitor: isJourneyVisitor[index - 1]) {
                    try append(group, to: &result)
                } else {
                    count(try Self.visitorTouches(group, sessions, db))
                }
            }
            result.counted = tally.counted()
            return result
        }
        // A listed visitor with a form waits: the same-session rule compares UTM values, which are read for all of
        // them in one query at the end (one lookup per touch was a tenth of the year's report). Reports do not
        // depend on the order of the period's visitors.
        var withForms = PendingJourneys()
        func finish(_ group: [StoredTouch], isJourneyVisitor: Bool) throws {
            if !isListed(group, visitor: isJourneyVisitor) {
                count(group)
            } else if group.contains(where: \.isForm) {
                withForms.touches += group
                withForms.groups.append((0, withForms.touches.count))
            } else {
                try append(group, to: &result)
            }
        }
        var group: [StoredTouch] = []
        if !touchKeys.wantsUTM, try pathsAreCurrent(db) {
            // Schema 17 keeps each visitor's touches in one row, in the same order: a tenth of the reading.
            let rows = try RawRows(
                db,
                sql: "SELECT visitor, touches FROM visitor_path WHERE last_at >= ? AND first_at < ? ORDER BY visitor",
                arguments: [lower, upper])
            // The keys the same-session rule compares come with the touches; they are remembered for the visitors
            // listed with a form, whose touches the rule judges.
            var keys: [(id: Int64, session: SessionKey)] = []
            while let row = try rows.next() {
                group.removeAll(keepingCapacity: true)
                keys.removeAll(keepingCapacity: true)
                try VisitorPath.forEach(in: row.blob(1)) { touch in
                    guard touch.at >= lower && touch.at < upper else { return }
                    if let session = touch.session { keys.append((touch.id, session)) }
                    group.append(keyed(touch))
                }
                let isListedVisitor = try isJourneyVisitor(inOrder: row.bytes(0))
                guard !group.isEmpty else { continue }
                if !keys.isEmpty && isListed(group, visitor: isListedVisitor) {
                    for (id, session) in keys { sessions.byTouch[id] = session }
                }
                try finish(group, isJourneyVisitor: isListedVisitor)
            }
        } else {
            // The covering visitor index yields the touches already grouped and ordered, without a table lookup each.
            let rows = try RawRows(
                db,
                sql: """
                    SELECT \(touchColumns), visitor FROM touch INDEXED BY touch_by_visitor
                    WHERE at >= ? AND at < ? ORDER BY visitor, at, record_key
                    """, arguments: [lower, upper])
            var currentVisitor: [UInt8] = []
            var currentIsJourneyVisitor = false
            while let row = try rows.next() {
                let visitor = row.bytes(visitorColumn)
                if group.isEmpty || !equal(visitor, currentVisitor) {
                    if !group.isEmpty { try finish(group, isJourneyVisitor: currentIsJourneyVisitor) }
                    group.removeAll(keepingCapacity: true)
                    currentVisitor.replaceSubrange(currentVisitor.indices, with: visitor)
                    currentIsJourneyVisitor = try isJourneyVisitor(inOrder: visitor)
                }
                group.append(loadedTouch(row))
            }
            if !group.isEmpty { try finish(group, isJourneyVisitor: currentIsJourneyVisitor) }
        }
        try prefetchSessions(of: withForms, db)
        var groupStart = 0
        for (_, end) in withForms.groups {
            group.removeAll(keepingCapacity: true)
            group += withForms.touches[groupStart..<end]
            groupStart = end
            try append(group, to: &result)
        }
        result.counted = tally.counted()
        return result
    }

    /// The period's touches of a scope that only counts them (no null paths, keys without UTM values), none listed:
    /// every touch of the period counted from the time index alone (schema 16: it holds the channel and campaign),
    /// less the forms the same-session rule drops. Only a visitor with a form in the period can hold such a form:
    /// each of those visitors' touches are read and judged as ``loadJourneys(_:)`` judges a journey's. A month of
    /// the benchmark data holds 300,000 touches and 3,000 such visitors; reading every touch's row and grouping them
    /// by visitor took five times as long.
    private mutating func countPeriodTouches(_ db: Database) throws -> PeriodTouches {
        let start = scope.start.microseconds
        let upper = scope.end.microseconds
        // Counted by the columns first, in a table indexed by campaign id (small row ids) and channel position, and
        // keyed once per pair afterwards: a year holds three million touches.
        let width = Channel.allCases.count + 1
        let denseCampaigns: Int64 = 4096
        var dense = [Int64](repeating: 0, count: Int(denseCampaigns + 1) * width)
        var sparse: [RawTouchKey: Int64] = [:]
        func add(_ count: Int64, channel: Int, campaign: Int64?) {
            if let campaign, campaign < 0 || campaign >= denseCampaigns {
                sparse[RawTouchKey(channelPosition: channel, campaignID: campaign), default: 0] += count
            } else {
                dense[Int((campaign ?? -1) + 1) * width + channel + 1] += count
            }
        }
        /// Every touch from `lower` to before `upper`, from the time index.
        func countIndex(from lower: Int64, to upper: Int64) throws {
            guard lower < upper else { return }
            let rows = try RawRows(
                db, sql: "SELECT channel, campaign_id FROM touch INDEXED BY touch_by_time WHERE at >= ? AND at < ?",
                arguments: [lower, upper])
            while let row = try rows.next() {
                add(1, channel: channelPositions.position(of: row.bytes(0)), campaign: row.optionalInt64(1))
            }
        }
        /// The counts keyed as PostgreSQL's are (``PeriodCounter``).
        func keyed() -> CountedTouches {
            var counter = PeriodCounter()
            for (index, count) in dense.enumerated() where count != 0 {
                let campaign = Int64(index / width) - 1
                counter.add(
                    RawTouchKey(channelPosition: index % width - 1, campaignID: campaign < 0 ? nil : campaign),
                    count: count)
            }
            for (raw, count) in sparse where count != 0 { counter.add(raw, count: count) }
            return counter.counted(keys: &touchKeys)
        }
        if try pathsAreCurrent(db), try SQLiteStore.touchDaysAreKept(db) {
            // Schema 22: the whole UTC days of the period from the kept counts, the part-days at its ends (a time
            // zone other than UTC) from the index; then the kept dropped forms taken back.
            let firstDay = TouchDay.day(of: start + TouchDay.length - 1)
            let endDay = TouchDay.day(of: upper)
            if firstDay < endDay {
                try countIndex(from: start, to: TouchDay.start(of: firstDay))
                let days = try RawRows(
                    db,
                    sql: """
                        SELECT channel, campaign_id, sum(touches) FROM touch_day WHERE day >= ? AND day < ?
                        GROUP BY channel, campaign_id
                        """, arguments: [firstDay, endDay])
                while let row = try days.next() {
                    let campaign = row.int64(1)
                    add(
                        row.int64(2), channel: channelPositions.position(of: row.bytes(0)),
                        campaign: campaign == -1 ? nil : campaign)
                }
                try countIndex(from: TouchDay.start(of: endDay), to: upper)
            } else {
                try countIndex(from: start, to: upper)
            }
            var counted = keyed()
            let dropped = try RawRows(
                db,
                sql: """
                    SELECT channel, campaign_id, count(*) FROM dropped_form WHERE at >= ? AND at < ?
                    GROUP BY channel, campaign_id
                    """, arguments: [start, upper])
            while let row = try dropped.next() {
                let raw = RawTouchKey(
                    channelPosition: channelPositions.position(of: row.bytes(0)), campaignID: row.optionalInt64(1))
                counted.addTouches(-row.int64(2), key: touchKeys.key(of: raw))
            }
            var result = PeriodTouches()
            result.counted = counted
            result.counted.byKey = counted.byKey.filter { $0.value != 0 }
            return result
        }
        try countIndex(from: start, to: upper)
        var counted = keyed()
        // The touches of the visitors with a form in the period, by visitor, from 30 minutes before it: read in one
        // query (a query per visitor cost a second for the year's 30,000), their UTM values looked up in another.
        var forms = PendingJourneys()
        let visitorColumn = touchColumnCount
        let formRows = try RawRows(
            db,
            sql: """
                SELECT \(touchColumns), visitor FROM touch INDEXED BY touch_by_visitor
                WHERE visitor IN (
                    SELECT visitor FROM touch INDEXED BY touch_form_by_time WHERE origin = 'form' AND at >= ?1 AND at < ?2)
                AND at >= ?3 AND at < ?2 ORDER BY visitor, at, record_key
                """, arguments: [start, upper, start - SessionRule.window])
        var currentVisitor: [UInt8] = []
        while let row = try formRows.next() {
            let visitor = row.bytes(visitorColumn)
            if forms.touches.isEmpty || !equal(visitor, currentVisitor) {
                if !forms.touches.isEmpty { forms.groups.append((0, forms.touches.count)) }
                currentVisitor.replaceSubrange(currentVisitor.indices, with: visitor)
            }
            forms.touches.append(loadedTouch(row))
        }
        if !forms.touches.isEmpty { forms.groups.append((0, forms.touches.count)) }
        try prefetchSessions(of: forms, db)
        var groupStart = 0
        for (_, end) in forms.groups {
            let group = Array(forms.touches[groupStart..<end])
            groupStart = end
            let kept = Set(try Self.visitorTouches(group, sessions, db).map(\.id))
            for touch in group where touch.at >= start && !kept.contains(touch.id) {
                counted.addTouches(-1, key: touch.key)
            }
        }
        counted.byKey = counted.byKey.filter { $0.value != 0 }
        var result = PeriodTouches()
        result.counted = counted
        return result
    }

    /// Spend rows of the period, each with its campaign's key and platform. A year holds 15,000 of them: read through
    /// the C API, each day parsed once.
    mutating func loadSpend(_ db: Database) throws -> [Spend] {
        var currencies: [String: Currency] = [:]
        var dates: [String: CalendarDate?] = [:]
        var spend: [Spend] = []
        let rows = try RawRows(
            db,
            sql: """
                SELECT day, campaign_id, amount_minor, currency, platform, impressions, reach, clicks, engagements
                FROM spend WHERE day >= ? AND day <= ? ORDER BY day, campaign_id
                """, arguments: [scope.from.description, scope.to.description])
        while let row = try rows.next() {
            let code = row.text(3) ?? ""
            let currency = try currencies[code] ?? Currency(code: code)
            currencies[code] = currency
            let day = row.text(0) ?? ""
            let date: CalendarDate?
            if let known = dates[day] {
                date = known
            } else {
                date = try? CalendarDate(parsing: day)
                dates[day] = date
            }
            guard let campaign = campaigns[row.int64(1)], let date else { continue }
            spend.append(
                Spend(
                    date: date, campaign: campaign.key, amount: Money(minorUnits: row.int64(2), currency: currency),
                    platform: row.text(4).flatMap(Platform.init(rawValue:)) ?? campaign.platform,
                    impressions: row.int64(5), reach: row.int64(6), clicks: row.int64(7), engagements: row.int64(8)))
        }
        return spend
    }

    /// The columns a report reads of a touch: its id, time, whether it is a form's, its channel as a position in
    /// `Channel.allCases` (``TouchKeys/channelPositionSQL(column:)``), its campaign, and the UTM values only for the
    /// dimensions that group by them. All but the UTM values are in the covering visitor index.
    private var touchColumns: String {
        let common = "touch.id, touch.at, touch.origin = 'form', touch.channel, touch.campaign_id"
        return touchKeys.wantsUTM
            ? common + ", touch.utm_source, touch.utm_medium, touch.utm_content, touch.utm_term" : common
    }

    private var touchColumnCount: Int32 { touchKeys.wantsUTM ? 9 : 5 }

    /// A kept touch (schema 17's `visitor_path`) with its report key; only for dimensions without UTM values.
    private mutating func keyed(_ touch: VisitorPath.Touch) -> StoredTouch {
        touchKeys.touch(
            id: touch.id, at: touch.at, isForm: touch.isForm, channelPosition: touch.channelPosition,
            campaignID: touch.campaignID, utm: { _ in nil })
    }

    /// A touch row of ``touchColumns`` with its report key.
    private mutating func loadedTouch(_ row: RawRow) -> StoredTouch {
        touchKeys.touch(
            id: row.int64(0), at: row.int64(1), isForm: row.int64(2) != 0,
            channelPosition: channelPositions.position(of: row.bytes(3)), campaignID: row.optionalInt64(4),
            utm: { row.text(5 + Int32($0.rawValue)) })
    }

    /// A journey from its visitors' kept touches, in the journey engine's order; record keys are read only for
    /// touches of one instant, which are rare.
    private static func journey(_ touches: [StoredTouch], _ db: Database) throws -> [StoredTouch] {
        try JourneyAssembly.journey(touches) { try recordKey(of: $0, db) }
    }

    /// A touch's record key, for the rare touches of one instant. The statement is looked up only then: a cached
    /// statement is found by hashing its text, three times for each of a month's ten thousand journeys before.
    private static func recordKey(of touch: StoredTouch, _ db: Database) throws -> String {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT record_key FROM touch WHERE id = ?"), arguments: [touch.id]) ?? ""
    }

    /// A visitor's touches in the journey engine's order, without the form touches its ``SessionRule`` drops; the
    /// UTM values are read only for the touches it compares, each once, and record keys only for tied touches.
    private static func visitorTouches(
        _ touches: [StoredTouch], _ sessions: SessionValues, _ db: Database
    ) throws -> [StoredTouch] {
        func session(_ id: Int64) throws -> SessionKey {
            if let known = sessions.byTouch[id] { return known }
            let statement = try db.cachedStatement(
                sql: "SELECT utm_source, utm_medium, utm_campaign, utm_content, utm_term FROM touch WHERE id = ?")
            let row = try Row.fetchOne(statement, arguments: [id])
            let key = SessionKey(utm: (0..<5).map { column in row.flatMap { $0[column] as String? } })
            sessions.byTouch[id] = key
            return key
        }
        return try JourneyAssembly.visitorTouches(
            touches, recordKey: { try recordKey(of: $0, db) },
            isSameSession: { earlier, form in try session(earlier.id) == session(form.id) })
    }
}
