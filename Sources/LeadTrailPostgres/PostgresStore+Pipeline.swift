#if Postgres
public import LeadTrailCore
public import LeadTrailStore

/// The pipeline's queries on PostgreSQL, as SQLite's (`SQLiteStore+Pipeline.swift`): stage moves and corrections,
/// reopened deals, and the rows a lead's derived stage is read from. The rules are `LeadTrailCore`'s ``LeadPipeline``,
/// ``StageMove`` and ``LeadQuery``, shared by both stores.
extension PostgresStore {
    public func moveLead(id: Int64, to stage: Stage, at time: Timestamp, by who: String?, correcting: Bool) throws {
        try write { db in try Self.moveLead(db, id: id, to: stage, at: time, by: who, correcting: correcting) }
    }

    /// Moves a lead from the stage it is shown in (its derived stage), recording the move or correction.
    static func moveLead(
        _ db: SQLConnection, id: Int64, to stage: Stage, at time: Timestamp, by who: String?, correcting: Bool = false
    ) throws {
        // Two reps moving one lead at once are judged one after the other, each from the stage the other left.
        _ = try db.value(Int64.self, sql: "SELECT id FROM lead WHERE id = ? FOR UPDATE", arguments: [id])
        let lead = try requireLead(db, id: id)
        try lead.checkStageChange(at: time)
        let history = try stageHistory(db, lead: id)
        try StageMove.checkOrder(lead: id, at: time, history: history)
        let deals = try deals(db, filter: DealFilter(leadID: id))
        let current = LeadPipeline.asOf(time, history: history, deals: deals).stage
        let move = try StageMove.check(lead: id, from: current, to: stage, correcting: correcting)
        try db.execute(sql: "UPDATE lead SET stage = ? WHERE id = ?", arguments: [stage.rawValue, id])
        try db.execute(
            sql: """
                INSERT INTO stage_change (lead_id, from_stage, to_stage, at, changed_by, correction)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, current.rawValue, stage.rawValue, time.microseconds, who, move == .correction ? 1 : 0])
    }

    public func reopenDeal(_ reference: String) throws -> Deal {
        try write { db in
            let deal = try Self.requireDeal(db, reference)
            try deal.checkReopen()
            try db.execute(sql: "UPDATE deal SET status = 'open', closed_at = NULL WHERE id = ?", arguments: [deal.id])
            return try Self.requireDeal(db, String(deal.id))
        }
    }

    /// A lead's recorded history and its pipeline derived from it and its deals.
    static func pipeline(_ db: SQLConnection, lead: Lead) throws -> (pipeline: LeadPipeline, history: [StageChange]) {
        let history = try stageHistory(db, lead: lead.id)
        let deals = try deals(db, filter: DealFilter(leadID: lead.id))
        return (LeadPipeline(recorded: lead.stage, history: history, deals: deals), history)
    }

    /// The recorded stage moves of a lead, oldest first.
    static func stageHistory(_ db: SQLConnection, lead: Int64) throws -> [StageChange] {
        try db.fetchAll(
            sql: """
                SELECT from_stage, to_stage, at, changed_by, correction FROM stage_change
                WHERE lead_id = ? ORDER BY at, id
                """, arguments: [lead]
        ).map(stageChange(row:))
    }

    static func stageChange(row: SQLRow) -> StageChange {
        StageChange(
            from: (row["from_stage"] as String?).flatMap(Stage.init(rawValue:)),
            to: Stage(rawValue: row["to_stage"]) ?? .new, at: Timestamp(microseconds: row["at"]),
            by: row["changed_by"], kind: (row["correction"] as Int64) == 1 ? .correction : .move)
    }

    /// Every deal with its refunds, in two queries (not one per deal).
    static func allDeals(_ db: SQLConnection) throws -> [Deal] {
        var refunds: [Int64: [(minor: Int64, at: Int64)]] = [:]
        for row in try db.fetchAll(sql: "SELECT deal_id, amount_minor, at FROM refund ORDER BY at, id") {
            refunds[row["deal_id"], default: []].append((row["amount_minor"], row["at"]))
        }
        var currencies: [String: Currency] = [:]
        return try db.fetchAll(sql: "SELECT * FROM deal ORDER BY id").map { row in
            let code: String = row["currency"]
            let currency = try currencies[code] ?? Currency(code: code)
            currencies[code] = currency
            let id: Int64 = row["id"]
            return Deal(
                id: id, externalID: row["external_id"], leadID: row["lead_id"],
                amount: Money(minorUnits: row["amount_minor"], currency: currency),
                status: DealStatus(rawValue: row["status"]) ?? .open,
                createdAt: Timestamp(microseconds: row["created_at"]),
                closedAt: (row["closed_at"] as Int64?).map(Timestamp.init(microseconds:)),
                refunds: (refunds[id] ?? []).map {
                    Refund(amount: Money(minorUnits: $0.minor, currency: currency), at: Timestamp(microseconds: $0.at))
                })
        }
    }

    /// Every lead newest first, in the stage its pipeline gives it, that the query keeps; at most `limit`.
    static func leads(_ db: SQLConnection, query: LeadQuery, limit: Int?) throws -> [Lead] {
        var histories: [Int64: [StageChange]] = [:]
        for row in try db.fetchAll(
            sql: """
                SELECT lead_id, from_stage, to_stage, at, changed_by, correction FROM stage_change
                ORDER BY lead_id, at, id
                """)
        {
            histories[row["lead_id"], default: []].append(stageChange(row: row))
        }
        var deals: [Int64: [Deal]] = [:]
        for deal in try allDeals(db) {
            if let leadID = deal.leadID { deals[leadID, default: []].append(deal) }
        }
        var conditions: [String] = []
        var arguments: [(any SQLBindable)?] = []
        if let from = query.createdFrom {
            conditions.append("created_at >= ?")
            arguments.append(from.microseconds)
        }
        if let before = query.createdBefore {
            conditions.append("created_at < ?")
            arguments.append(before.microseconds)
        }
        if let phone = query.phone {
            conditions.append("phone = ?")
            arguments.append(phone.e164)
        }
        if let email = query.email {
            conditions.append("email = ?")
            arguments.append(email.normalized)
        }
        var sql = "SELECT * FROM lead"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY created_at DESC, id DESC"
        var found: [Lead] = []
        for row in try db.fetchAll(sql: sql, arguments: arguments) {
            if let limit, found.count >= limit { break }
            var lead = try lead(row: row)
            lead.stage =
                LeadPipeline(recorded: lead.stage, history: histories[lead.id] ?? [], deals: deals[lead.id] ?? [])
                .stage
            if query.matches(lead, stage: lead.stage) { found.append(lead) }
        }
        return found
    }
}
#endif
