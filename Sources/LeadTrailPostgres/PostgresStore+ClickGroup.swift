#if Postgres
import LeadTrailCore
import LeadTrailStore

extension PostgresStore {
    /// The one statement that stores a group of clicks in one round trip (``addTouchesInOneStatement(_:)``).
    ///
    /// `?1` is the group as a JSON array (one object per click, in order), `?2` the time a campaign it creates gets.
    /// Its CTEs do what ``write(_:)``, ``campaignID(_:for:batchID:campaigns:)`` and the multi-row insert do in five
    /// or more round trips:
    /// - `input` takes the shared-click lock without waiting (``sharedClickLock``) and divides by zero when another
    ///   writer holds it, so the statement fails and the caller takes the transaction way, which waits for it;
    /// - `created` adds the campaigns the clicks name that do not exist yet (the first click's name and platform, as
    ///   the transaction way gives them), `campaigns` is those and the existing ones;
    /// - `added` inserts the clicks, skipping a key stored already or met earlier in the group; a campaign that is
    ///   neither found nor created (another writer added it after this statement began) divides by zero too;
    /// - `shared` notes the click ids the added clicks share with another visitor, stored before or in this group.
    ///
    /// Returns the keys of the clicks inserted. A statement on its own is its own transaction: all or nothing, and
    /// committed when its answer arrives.
    static let clickGroupInsert = """
        WITH input AS (
            SELECT * FROM ROWS FROM (json_to_recordset(?1::json) AS (
                k text, at bigint, v text, u text, r text, s text, m text, c text, ct text, t text, it text, i text,
                ch text, ck text, cn text, cp text)) WITH ORDINALITY
                AS g(k, at, v, u, r, s, m, c, ct, t, it, i, ch, ck, cn, cp, n)
            WHERE 1 / (SELECT CASE WHEN pg_try_advisory_xact_lock(\(sharedClickLock)) THEN 1 ELSE 0 END) = 1
        ), created AS (
            INSERT INTO campaign (key, name, platform, auto_created, created_at)
            SELECT DISTINCT ON (ck) ck, cn, cp, 1, ?2 FROM input WHERE ck IS NOT NULL ORDER BY ck, n
            ON CONFLICT (key) DO NOTHING RETURNING id, key
        ), campaigns AS (
            SELECT id, key FROM created
            UNION ALL SELECT id, key FROM campaign WHERE key IN (SELECT ck FROM input WHERE ck IS NOT NULL)
        ), added AS (
            INSERT INTO touch (record_key, at, visitor, url, referrer, utm_source, utm_medium, utm_campaign,
                               utm_content, utm_term, click_id_type, click_id, channel, origin, campaign_id)
            SELECT k, at, v, u, r, s, m, c, ct, t, it, i, ch, 'click',
                CASE WHEN ck IS NULL THEN NULL
                     ELSE coalesce((SELECT id FROM campaigns WHERE key = ck), 1 / (n - n)) END
            FROM input ORDER BY n
            ON CONFLICT (record_key) DO NOTHING RETURNING record_key, visitor, click_id
        ), shared AS (
            INSERT INTO shared_click_id (click_id)
            SELECT DISTINCT a.click_id FROM added AS a
            WHERE a.click_id IS NOT NULL AND (
                EXISTS (SELECT 1 FROM touch AS o WHERE o.click_id = a.click_id AND o.visitor <> a.visitor)
                OR EXISTS (SELECT 1 FROM added AS o WHERE o.click_id = a.click_id AND o.visitor <> a.visitor))
            ON CONFLICT DO NOTHING
        )
        SELECT record_key FROM added
        """

    /// Stores a group of clicks with ``clickGroupInsert``: one round trip instead of a transaction's five or more.
    ///
    /// Returns nil, having changed nothing, when the statement cannot decide alone: another writer holds the
    /// shared-click lock, added one of the group's campaigns meanwhile, or conflicted with it. The caller then writes
    /// the group the transaction way, which waits for the others.
    ///
    /// Known window: another writer's touches that commit between this statement's start and its taking the lock
    /// (a few microseconds) are not seen when noting shared click ids, as that writer did not see these.
    func addTouchesInOneStatement(_ touches: [Touch]) throws -> Set<String>? {
        guard current == nil else { return nil }
        let rows = try session.runUnlessRefused(
            Self.clickGroupInsert,
            [.text(Self.clickGroupJSON(touches)), .integer(Timestamp.now().microseconds)],
            refusedStates: Self.clickGroupRefusals)
        guard let rows else { return nil }
        var inserted = Set<String>(minimumCapacity: rows.count)
        for row in rows {
            if let key = try row.optionalText(at: 0) { inserted.insert(key) }
        }
        return inserted
    }

    /// The SQLSTATEs after which ``clickGroupInsert`` leaves the group to the transaction way: its division by zero
    /// (lock busy, campaign added meanwhile), a deadlock or serialization failure.
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
