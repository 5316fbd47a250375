package import LeadTrailCore

/// Goals, written once for both stores.
extension SQLStore {
    /// Stores a goal and returns it with its number: a new one, or the number of the goal of the same metric, scope
    /// and period, whose target it replaces. A campaign goal must name a known campaign.
    package static func addGoal(_ db: some SQLTransaction, _ goal: Goal) throws -> Goal {
        var stored = goal
        if case .campaign(let key) = goal.scope {
            guard let normalized = Normalize.key(key),
                try db.value(Int64.self, sql: "SELECT 1 FROM campaign WHERE key = ?", arguments: [normalized]) != nil
            else { throw StoreError.unknownCampaign(key) }
            stored.scope = .campaign(normalized)
        }
        var minor: Int64?
        var currency: String?
        var decimal: String?
        switch goal.target {
        case .money(let money):
            minor = money.minorUnits
            currency = money.currency.code
        case .decimal(let text): decimal = text
        }
        var campaign: String?
        var channel: String?
        switch stored.scope {
        case .all: break
        case .campaign(let key): campaign = key
        case .channel(let value): channel = value.rawValue
        }
        // One goal per metric, scope and period: setting it again changes its target, keeping its number.
        if let id = try db.value(
            Int64.self,
            sql: """
                SELECT id FROM goal WHERE metric = ? AND coalesce(campaign, '') = ? AND coalesce(channel, '') = ?
                    AND starts_on = ? AND ends_on = ? ORDER BY id LIMIT 1
                """,
            arguments: [
                goal.metric.rawValue, campaign ?? "", channel ?? "", goal.from.description, goal.to.description,
            ])
        {
            try db.execute(
                sql: "UPDATE goal SET target_minor = ?, currency = ?, target_decimal = ? WHERE id = ?",
                arguments: [minor, currency, decimal, id])
            stored.id = id
            return stored
        }
        stored.id = try db.insertNumbered(
            into: "goal",
            columns: [
                "metric", "target_minor", "currency", "target_decimal", "campaign", "channel", "starts_on", "ends_on",
                "created_at",
            ],
            values: [
                goal.metric.rawValue, minor, currency, decimal, campaign, channel, goal.from.description,
                goal.to.description, Timestamp.now().microseconds,
            ])
        return stored
    }

    /// Every goal, by number.
    package static func goals(_ db: some SQLTransaction) throws -> [Goal] {
        try db.fetchAll(sql: "SELECT * FROM goal ORDER BY id").map(goal(row:))
    }

    /// Removes a goal and returns what it was.
    package static func removeGoal(_ db: some SQLTransaction, id: Int64) throws -> Goal {
        guard let row = try db.fetchOne(sql: "SELECT * FROM goal WHERE id = ?", arguments: [id]) else {
            throw GoalError.unknownGoal(id)
        }
        let goal = try goal(row: row)
        try db.execute(sql: "DELETE FROM goal WHERE id = ?", arguments: [id])
        return goal
    }

    package static func goal(row: SQLRow) throws -> Goal {
        let target: GoalTarget
        if let minor = row["target_minor"] as Int64?, let code = row["currency"] as String? {
            target = .money(Money(minorUnits: minor, currency: try Currency(code: code)))
        } else {
            target = .decimal(row["target_decimal"] ?? "0")
        }
        let scope: GoalScope
        if let campaign = row["campaign"] as String? {
            scope = .campaign(campaign)
        } else if let channel = (row["channel"] as String?).flatMap(Channel.init(rawValue:)) {
            scope = .channel(channel)
        } else {
            scope = .all
        }
        return Goal(
            id: row["id"], metric: GoalMetric(rawValue: row["metric"]) ?? .spend, target: target, scope: scope,
            from: try CalendarDate(parsing: row["starts_on"]), to: try CalendarDate(parsing: row["ends_on"]))
    }
}
