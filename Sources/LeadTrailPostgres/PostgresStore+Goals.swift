#if Postgres
public import LeadTrailCore
import LeadTrailStore

extension PostgresStore {
    /// Stores a goal and returns it with its new number; a campaign goal must name a known campaign.
    public func addGoal(_ goal: Goal) throws -> Goal {
        try write { db in try Self.addGoal(db, goal) }
    }

    /// Every goal, by number.
    public func goals() throws -> [Goal] {
        try read { db in try Self.goals(db) }
    }

    /// Removes a goal and returns what it was.
    public func removeGoal(id: Int64) throws -> Goal {
        try write { db in try Self.removeGoal(db, id: id) }
    }
}
#endif
