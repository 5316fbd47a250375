#if Postgres
import LeadTrailCore
import LeadTrailStore

extension PostgresStore {
    /// The call that stores a group of clicks in one round trip (``addTouchesInOneStatement(_:)``): schema 11's
    /// `leadtrail_click_group` (schema/postgres/0011_click_group_function.sql) does in one call what ``write(_:)``,
    /// ``campaignID(_:for:batchID:campaigns:)`` and the multi-row insert do in five or more round trips — adds the
    /// campaigns the clicks name that do not exist yet, inserts the clicks (skipping a key stored already or met
    /// earlier in the group), then, holding ``sharedClickLock``, notes the click ids they share with another visitor
    /// with a snapshot taken after the lock, as every other writer does.
    ///
    /// `?1` is the group as a JSON array (``clickGroupJSON(_:)``), `?2` the time a campaign it creates gets, `?3` the
    /// lock's key. Returns the keys of the clicks inserted. A call on its own is its own transaction: all or nothing,
    /// and committed when its answer arrives.
    static let clickGroupInsert = "SELECT leadtrail_click_group(?1::json, ?2, ?3)"

    /// Stores a group of clicks with ``clickGroupInsert``: one round trip instead of a transaction's five or more.
    ///
    /// Returns nil, having changed nothing, when the call cannot decide alone: another writer added one of the
    /// group's campaigns meanwhile, or conflicted with it. The caller then writes the group the transaction way.
    func addTouchesInOneStatement(_ touches: [Touch]) throws -> Set<String>? {
        guard current == nil else { return nil }
        let rows = try session.runUnlessRefused(
            Self.clickGroupInsert,
            [.text(Self.clickGroupJSON(touches)), .integer(Timestamp.now().microseconds), .integer(Self.sharedClickLock)],
            refusedStates: Self.clickGroupRefusals)
        guard let rows else { return nil }
        var inserted = Set<String>(minimumCapacity: rows.count)
        for row in rows {
            if let key = try row.optionalText(at: 0) { inserted.insert(key) }
        }
        return inserted
    }

    /// The SQLSTATEs after which ``clickGroupInsert`` leaves the group to the transaction way: its division by zero
    /// (a campaign added meanwhile), a deadlock or serialization failure.
    static let clickGroupRefusals: Set<String> = ["22012", "40P01", "40001"]

    /// The clicks as the JSON array ``clickGroupInsert`` reads: short names, null for a value a click has not, and
    /// the campaign each names (its key, trimmed name and inferred platform), as ``campaignID(_:for:batchID:campaigns:)``
    /// would create it.
    static func clickGroupJSON(_ touches: [Touch]) -> String {
        var json = JSONText()
        json.reserve(touches.count * 320)
        json.append("[")
        for (index, touch) in touches.enumerated() {
            if index > 0 { json.append(",") }
            json.append("{")
            json.field("k", touch.key, first: true)
            json.field("at", touch.at.microseconds)
            json.field("v", touch.visitor)
            json.field("u", touch.url)
            json.field("r", touch.referrer)
            json.field("s", touch.utm.source)
            json.field("m", touch.utm.medium)
            json.field("c", touch.utm.campaign)
            json.field("ct", touch.utm.content)
            json.field("t", touch.utm.term)
            json.field("it", touch.clickID?.parameter)
            json.field("i", touch.clickID?.value)
            json.field("ch", touch.channel.rawValue)
            if let name = touch.utm.campaign, let key = Normalize.key(name) {
                json.field("ck", key)
                json.field("cn", name.trimmingWhitespace())
                json.field("cp", Platform.inferred(source: touch.utm.source, medium: touch.utm.medium).rawValue)
            }
            json.append("}")
        }
        json.append("]")
        return json.text
    }
}
#endif
