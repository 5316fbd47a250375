import GRDB
import Logging
public import LeadTrailCore

extension SQLiteStore {
    /// Loads what a report of the scope reads, in one read transaction so that every figure comes from one state of
    /// the data.
    ///
    /// Identity is resolved here, from all the data, so the import order never matters: a lead's visitors are its
    /// own, those of the same person's earlier leads (same normalised email or phone, followed backwards), and the
    /// visitors that share a click id with any of them. The same-session rule drops a form's touch when the same
    /// visitor has a kept touch with the same five normalised UTM values in the 30 minutes before it.
    public func reportData(_ scope: ReportScope) throws -> ReportData {
        try read { db in
            var clock = ContinuousClock.now
            func lap(_ step: String) {
                let now = ContinuousClock.now
                logger.info("report data: \(step) took \(now - clock)")
                clock = now
            }
            var loader = ReportLoader(scope: scope)
            try loader.loadCampaigns(db)
            let deals = try Self.allDeals(db)
            lap("deals")
            try loader.loadLeads(db, deals: deals)
            lap("leads and identity")
            try loader.loadJourneys(db)
            lap("journeys")
            let periodTouches = scope.needsPeriodTouches ? try loader.loadPeriodTouches(db) : nil
            lap("period touches")
            let spend = try loader.loadSpend(db)
            let rates = ExchangeRates(try Self.rates(db))
            lap("spend and rates")
            return ReportData(
                keys: loader.keys, leads: loader.leads, deals: deals, spend: spend, rates: rates,
                periodTouches: periodTouches)
        }
    }

    /// Every deal with its refunds, in two queries.
    static func allDeals(_ db: Database) throws -> [Deal] {
        var refunds: [Int64: [(minor: Int64, at: Int64)]] = [:]
        let refundRows = try Row.fetchCursor(db, sql: "SELECT deal_id, amount_minor, at FROM refund ORDER BY at, id")
        while let row = try refundRows.next() {
            refunds[row[0], default: []].append((row[1], row[2]))
        }
        var currencies: [String: Currency] = [:]
        var deals: [Deal] = []
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT id, external_id, lead_id, amount_minor, currency, status, created_at, closed_at FROM deal ORDER BY id")
        while let row = try rows.next() {
            let code: String = row[4]
            let currency = try currencies[code] ?? Currency(code: code)
            currencies[code] = currency
            let id: Int64 = row[0]
            deals.append(
                Deal(
                    id: id, externalID: row[1], leadID: row[2],
                    amount: Money(minorUnits: row[3], currency: currency),
                    status: DealStatus(rawValue: row[5]) ?? .open, createdAt: Timestamp(microseconds: row[6]),
                    closedAt: (row[7] as Int64?).map(Timestamp.init(microseconds:)),
                    refunds: (refunds[id] ?? []).map {
                        Refund(amount: Money(minorUnits: $0.minor, currency: currency), at: Timestamp(microseconds: $0.at))
                    }))
        }
        return deals
    }
}

/// The 30 minutes before a form's touch in which the same session's touch makes it a repeat.
private let sessionWindow: Int64 = 30 * 60 * 1_000_000

/// One touch as loaded for a report.
private struct LoadedTouch {
    var id: Int64
    var at: Int64
    var recordKey: String
    var isForm: Bool
    var isDirect: Bool
    var key: Int32
}

/// The steps of `reportData`, sharing the key table and the campaign lookup.
private struct ReportLoader {
    let scope: ReportScope
    var keys = KeyTable()
    var leads: [ReportLead] = []
    private var campaigns: [Int64: (key: String, platform: Platform)] = [:]
    private var calendar: LocalCalendar
    /// Day number → key index, for the time dimensions.
    private var dayKeys: [Int: Int32] = [:]
    /// Column value → key index, for the text dimensions.
    private var textKeys: [String: Int32] = [:]
    private var campaignKeys: [Int64: Int32] = [:]
    /// The index of `(none)`: a touch without a value in the dimension.
    private var noneKey: Int32 = 0
    /// Leads by id, with the email and phone identity follows.
    private var people: [Int64: (createdAt: Int64, email: String?, phone: String?)] = [:]
    private var byEmail: [String: [Int64]] = [:]
    private var byPhone: [String: [Int64]] = [:]
    private var leadVisitors: [Int64: [String]] = [:]
    private var leadVisitorCount = 0
    private var clickLinks: [String: Set<String>] = [:]
    /// The touches of each visitor a journey needs, after the same-session rule.
    private var visitorTouches: [String: [LoadedTouch]] = [:]
    /// Each needed lead's visitors.
    private var neededVisitors: [Int64: [String]] = [:]
    private var journeyStart = Int64.max

    init(scope: ReportScope) {
        self.scope = scope
        self.calendar = LocalCalendar(timeZone: scope.timeZone)
        noneKey = keys.index(of: ReportDimension.noneKey)
    }

    mutating func loadCampaigns(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, key, platform FROM campaign") {
            campaigns[row[0]] = (row[1], Platform(rawValue: row[2]) ?? .other)
        }
    }

    /// The leads a report of the period can need, their visitors, and how far back their journeys reach.
    mutating func loadLeads(_ db: Database, deals: [Deal]) throws {
        var needed = Set<Int64>()
        for deal in deals {
            guard let leadID = deal.leadID else { continue }
            let inPeriod =
                scope.contains(deal.createdAt) || deal.closedAt.map(scope.contains) == true
                || deal.refunds.contains { scope.contains($0.at) }
            if inPeriod { needed.insert(leadID) }
        }
        let rows = try Row.fetchAll(db, sql: "SELECT id, created_at, email, phone, owner, stage FROM lead ORDER BY id")
        for row in rows {
            let id: Int64 = row[0]
            let createdAt: Int64 = row[1]
            let email: String? = row[2]
            let phone: String? = row[3]
            people[id] = (createdAt, email, phone)
            if let email { byEmail[email, default: []].append(id) }
            if let phone { byPhone[phone, default: []].append(id) }
            if scope.contains(Timestamp(microseconds: createdAt)) { needed.insert(id) }
        }
        let visitorRows = try Row.fetchCursor(db, sql: "SELECT lead_id, visitor FROM lead_visitor")
        while let row = try visitorRows.next() {
            leadVisitors[row[0], default: []].append(row[1])
            leadVisitorCount += 1
        }
        // Visitors sharing a click id with a lead's visitor: one hop, as `lead show` follows them. The repeated click
        // ids come from one counting pass over the covering click-id index (comparing visitors there costs four
        // times as much); few repeat, so checking their visitors afterwards is cheap.
        let links = try Row.fetchCursor(
            db,
            sql: """
                WITH repeated AS (
                    SELECT click_id FROM touch WHERE click_id IS NOT NULL GROUP BY click_id HAVING COUNT(*) > 1)
                SELECT DISTINCT mine.visitor, other.visitor
                FROM repeated
                JOIN touch AS mine ON mine.click_id = repeated.click_id AND mine.click_id IS NOT NULL
                JOIN touch AS other ON other.click_id = mine.click_id AND other.click_id_type = mine.click_id_type
                    AND other.click_id IS NOT NULL AND other.visitor <> mine.visitor
                """)
        while let row = try links.next() {
            clickLinks[row[0], default: []].insert(row[1])
        }
        var history: [Int64: [StageChange]] = [:]
        let changes = try Row.fetchCursor(
            db, sql: "SELECT lead_id, from_stage, to_stage, at, changed_by FROM stage_change ORDER BY lead_id, at, id")
        while let row = try changes.next() {
            let leadID: Int64 = row[0]
            guard needed.contains(leadID) else { continue }
            history[leadID, default: []].append(
                StageChange(
                    from: (row[1] as String?).flatMap(Stage.init(rawValue:)), to: Stage(rawValue: row[2]) ?? .new,
                    at: Timestamp(microseconds: row[3]), by: row[4]))
        }
        for row in rows {
            let id: Int64 = row[0]
            guard needed.contains(id) else { continue }
            let createdAt: Int64 = row[1]
            journeyStart = min(journeyStart, createdAt - scope.lookback)
            neededVisitors[id] = visitors(ofLead: id)
            leads.append(
                ReportLead(
                    id: id, createdAt: Timestamp(microseconds: createdAt), owner: row[4],
                    stage: Stage(rawValue: row[5]) ?? .new, history: history[id] ?? [], touches: [], touchIDs: []))
        }
    }

    /// A lead's visitors: its own and its person's earlier leads' (followed transitively backwards in time), and the
    /// visitors sharing a click id with any of them.
    private func visitors(ofLead id: Int64) -> [String] {
        // Most people have one lead and no shared click id: their visitors are simply their own.
        if let me = people[id], me.email.map({ byEmail[$0]?.count ?? 0 }) ?? 1 <= 1,
            me.phone.map({ byPhone[$0]?.count ?? 0 }) ?? 1 <= 1
        {
            let own = leadVisitors[id] ?? []
            if own.allSatisfy({ clickLinks[$0] == nil }) { return own.count > 1 ? own.sorted() : own }
        }
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
        for lead in person { visitors.formUnion(leadVisitors[lead] ?? []) }
        var linked = visitors
        for visitor in visitors { linked.formUnion(clickLinks[visitor] ?? []) }
        return linked.sorted()
    }

    /// Each needed lead's touches: its visitors' touches from the earliest journey start to the period's end.
    mutating func loadJourneys(_ db: Database) throws {
        guard !leads.isEmpty else { return }
        let lower = journeyStart - sessionWindow
        let upper = scope.end.microseconds
        var needed = Set<String>()
        for lead in leads { needed.formUnion(neededVisitors[lead.id] ?? []) }
        // One pass over every lead visitor's touches (ordered probes of the covering index) beats a query per
        // visitor when most leads are needed; a short period needs few, and asks for them one by one.
        if needed.count * 4 >= leadVisitorCount {
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(touchColumns), lv.visitor
                    FROM (SELECT visitor FROM lead_visitor GROUP BY visitor) AS lv
                    JOIN touch INDEXED BY touch_by_visitor ON touch.visitor = lv.visitor AND at >= ? AND at < ?
                    ORDER BY lv.visitor, at, record_key
                    """, arguments: [lower, upper])
            let visitorColumn = touchColumnCount
            var group: [LoadedTouch] = []
            var current: String?
            while let row = try rows.next() {
                let visitor: String = row[visitorColumn]
                if visitor != current {
                    if let current, !group.isEmpty, needed.contains(current) {
                        visitorTouches[current] = try Self.applyingSessionRule(group, db)
                    }
                    group.removeAll(keepingCapacity: true)
                    current = visitor
                }
                group.append(loadedTouch(row))
            }
            if let current, !group.isEmpty, needed.contains(current) {
                visitorTouches[current] = try Self.applyingSessionRule(group, db)
            }
        }
        // Visitors only linked by a click id, or all of them for a short period.
        let statement = try db.cachedStatement(
            sql: "SELECT \(touchColumns) FROM touch WHERE visitor = ? AND at >= ? AND at < ? ORDER BY at, record_key")
        var asked = Set(visitorTouches.keys)
        for visitor in needed where asked.insert(visitor).inserted {
            var touches: [LoadedTouch] = []
            let rows = try Row.fetchCursor(statement, arguments: [visitor, lower, upper])
            while let row = try rows.next() { touches.append(loadedTouch(row)) }
            visitorTouches[visitor] = try Self.applyingSessionRule(touches, db)
        }
        for index in leads.indices {
            var merged: [LoadedTouch] = []
            for visitor in neededVisitors[leads[index].id] ?? [] { merged += visitorTouches[visitor] ?? [] }
            merged.sort { ($0.at, $0.recordKey) < ($1.at, $1.recordKey) }
            leads[index].touches = merged.map {
                JourneyTouch(at: Timestamp(microseconds: $0.at), isDirect: $0.isDirect, key: $0.key)
            }
            leads[index].touchIDs = merged.map(\.id)
        }
    }

    /// Every touch of the period, grouped by visitor, after the same-session rule.
    mutating func loadPeriodTouches(_ db: Database) throws -> PeriodTouches {
        var result = PeriodTouches()
        let start = scope.start.microseconds
        // The covering visitor index yields the touches already grouped and ordered, without a table lookup each.
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT \(touchColumns), visitor FROM touch INDEXED BY touch_by_visitor
                WHERE at >= ? AND at < ? ORDER BY visitor, at, record_key
                """, arguments: [start - sessionWindow, scope.end.microseconds])
        let visitorColumn = touchColumnCount
        var group: [LoadedTouch] = []
        var currentVisitor: String?
        func flush(_ group: [LoadedTouch], into result: inout PeriodTouches) throws {
            var added = false
            for touch in try Self.applyingSessionRule(group, db) where touch.at >= start {
                result.ids.append(touch.id)
                result.keys.append(touch.key)
                added = true
            }
            if added { result.visitorEnds.append(result.ids.count) }
        }
        while let row = try rows.next() {
            let visitor: String = row[visitorColumn]
            if visitor != currentVisitor {
                if !group.isEmpty { try flush(group, into: &result) }
                group.removeAll(keepingCapacity: true)
                currentVisitor = visitor
            }
            group.append(loadedTouch(row))
        }
        if !group.isEmpty { try flush(group, into: &result) }
        return result
    }

    /// Spend rows of the period, each with its campaign's key and platform.
    mutating func loadSpend(_ db: Database) throws -> [Spend] {
        var currencies: [String: Currency] = [:]
        var spend: [Spend] = []
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT day, campaign_id, amount_minor, currency, platform, impressions, reach, clicks, engagements
                FROM spend WHERE day >= ? AND day <= ? ORDER BY day, campaign_id
                """, arguments: [scope.from.description, scope.to.description])
        {
            let code: String = row[3]
            let currency = try currencies[code] ?? Currency(code: code)
            currencies[code] = currency
            guard let campaign = campaigns[row[1]], let date = try? CalendarDate(parsing: row[0]) else { continue }
            spend.append(
                Spend(
                    date: date, campaign: campaign.key, amount: Money(minorUnits: row[2], currency: currency),
                    platform: (row[4] as String?).flatMap(Platform.init(rawValue:)) ?? campaign.platform,
                    impressions: row[5], reach: row[6], clicks: row[7], engagements: row[8]))
        }
        return spend
    }

    /// The columns a report reads of a touch: those of the covering visitor index, and the UTM values only for the
    /// dimensions that group by them.
    private var touchColumns: String {
        switch scope.dimension {
        case .source, .sourceMedium, .content, .term:
            "id, at, record_key, origin, channel, campaign_id, utm_source, utm_medium, utm_content, utm_term"
        default: "id, at, record_key, origin, channel, campaign_id"
        }
    }

    private var touchColumnCount: Int { touchColumns.split(separator: ",").count }

    /// A touch row of ``touchColumns`` with its report key.
    private mutating func loadedTouch(_ row: Row) -> LoadedTouch {
        let channelText: String = row[4]
        let channel = Channel(rawValue: channelText) ?? .other
        let at: Int64 = row[1]
        return LoadedTouch(
            id: row[0], at: at, recordKey: row[2], isForm: (row[3] as String) == "form", isDirect: channel == .direct,
            key: key(of: row, channel: channel, at: at))
    }

    private mutating func key(of row: Row, channel: Channel, at: Int64) -> Int32 {
        if let only = scope.onlyCampaign {
            let campaignID: Int64? = row[5]
            guard let campaignID, campaigns[campaignID]?.key == only else {
                return keys.index(of: ReportDimension.otherCampaignsKey)
            }
        }
        switch scope.dimension {
        case .campaign, .platform:
            guard let campaignID = row[5] as Int64? else { return noneKey }
            if let known = campaignKeys[campaignID] { return known }
            let campaign = campaigns[campaignID]
            let text = scope.dimension == .campaign ? campaign?.key : campaign?.platform.rawValue
            let index = keys.index(of: text ?? ReportDimension.noneKey)
            campaignKeys[campaignID] = index
            return index
        case .channel:
            return keys.index(of: channel.rawValue)
        case .source, .content, .term:
            let column = scope.dimension == .source ? 6 : scope.dimension == .content ? 8 : 9
            guard let value = row[column] as String? else { return noneKey }
            if let known = textKeys[value] { return known }
            let index = keys.index(of: Normalize.key(value) ?? ReportDimension.noneKey)
            textKeys[value] = index
            return index
        case .sourceMedium:
            let source: String? = row[6]
            let medium: String? = row[7]
            let text = "\(source ?? "")\u{0}\(medium ?? "")"
            if let known = textKeys[text] { return known }
            let index = keys.index(
                of: scope.dimension.key(
                    campaign: nil, platform: nil, channel: channel, utm: UTM(source: source, medium: medium)))
            textKeys[text] = index
            return index
        case .month, .week, .day:
            let day = calendar.dayNumber(of: Timestamp(microseconds: at))
            if let known = dayKeys[day] { return known }
            let index = keys.index(of: scope.dimension.key(of: CalendarDate(dayNumber: day)) ?? ReportDimension.noneKey)
            dayKeys[day] = index
            return index
        }
    }

    /// A visitor's touches (ordered by time, then record key) without the form touches that repeat a kept touch of
    /// the same session: the same five normalised UTM values within `[t − 30 min, t]`.
    ///
    /// Touches are judged in time order, so a form touch dropped as a repeat cannot make a later one a repeat; at one
    /// instant a click counts as before a form, whatever their record keys.
    private static func applyingSessionRule(_ touches: [LoadedTouch], _ db: Database) throws -> [LoadedTouch] {
        guard touches.contains(where: \.isForm) else { return touches }
        // UTM values are looked up only for a form touch and the touches in the 30 minutes before it, each once:
        // most forms have no touch that close, and a lookup is a random read of the table.
        let statement = try db.cachedStatement(
            sql: "SELECT utm_source, utm_medium, utm_campaign, utm_content, utm_term FROM touch WHERE id = ?")
        var sessions: [Int: [String?]] = [:]
        func session(_ index: Int) throws -> [String?] {
            if let known = sessions[index] { return known }
            let row = try Row.fetchOne(statement, arguments: [touches[index].id])
            let values = (0..<5).map { column in row.flatMap { Normalize.key($0[column] as String?) } }
            sessions[index] = values
            return values
        }
        // At one instant a click counts as before a form; otherwise the touches keep their (time, record key)
        // order, which is their order here.
        let order = touches.indices.sorted {
            (touches[$0].at, touches[$0].isForm ? 1 : 0, $0) < (touches[$1].at, touches[$1].isForm ? 1 : 0, $1)
        }
        var kept: [Int] = []
        var dropped = Set<Int>()
        for index in order {
            let touch = touches[index]
            if touch.isForm {
                for other in kept.reversed() {
                    if touches[other].at < touch.at - sessionWindow { break }
                    if try session(other) == session(index) {
                        dropped.insert(index)
                        break
                    }
                }
                if dropped.contains(index) { continue }
            }
            kept.append(index)
        }
        return touches.indices.filter { !dropped.contains($0) }.map { touches[$0] }
    }
}
