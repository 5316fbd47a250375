import GRDB
public import LeadTrailCore

extension SQLiteStore {
    /// Stores a goal and returns it with its new number; a campaign goal must name a known campaign.
    public func addGoal(_ goal: Goal) throws -> Goal {
        try writeSQL { db in try Self.addGoal(db, goal) }
    }

    /// Every goal, by number.
    public func goals() throws -> [Goal] {
        try readSQL { db in try Self.goals(db) }
    }

    /// Removes a goal and returns what it was.
    public func removeGoal(id: Int64) throws -> Goal {
        try writeSQL { db in try Self.removeGoal(db, id: id) }
    }

    /// Each campaign's stored touches per channel in the scope's period: every touch dated in it that names a
    /// campaign, form touches included (the same-session rule is a report-time refinement that hardly moves a
    /// share, and counting straight from the time index keeps this one cheap query).
    public func campaignChannelTouches(_ scope: ReportScope) throws -> CampaignChannelTouches {
        try read { db in
            var counts: [String: [Channel: Int]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT campaign.key, touch.channel, COUNT(*)
                    FROM touch INDEXED BY touch_by_time JOIN campaign ON campaign.id = touch.campaign_id
                    WHERE touch.at >= ? AND touch.at < ?
                    GROUP BY campaign.key, touch.channel
                    """, arguments: [scope.start.microseconds, scope.end.microseconds])
            while let row = try rows.next() {
                let channel = Channel(rawValue: row[1]) ?? .other
                counts[row[0], default: [:]][channel, default: 0] += row[2] as Int
            }
            return CampaignChannelTouches(counts)
        }
    }
}
