import GRDB
public import LeadTrailCore

extension SQLiteStore {
    /// Stores several clicks in one write transaction: all of them land, or none does.
    ///
    /// `leadtrail serve` gathers the clicks that arrive while it commits the previous ones and writes them together
    /// (a group commit), so a busy link costs one `BEGIN IMMEDIATE … COMMIT` per batch instead of one per click.
    /// Returns, for each touch in order, whether it was new (false when a touch with its key was stored already).
    public func addTouches(_ touches: [Touch]) throws -> [Bool] {
        guard !touches.isEmpty else { return [] }
        return try write { db in
            var campaigns: [String: Int64] = [:]
            var added: [Bool] = []
            added.reserveCapacity(touches.count)
            for touch in touches {
                added.append(try Self.insertTouch(db, touch, origin: .click, campaigns: &campaigns))
            }
            return added
        }
    }
}
