import GRDB
public import LeadTrailCore

extension SQLiteStore {
    /// Stores a tracked link; a slug in use is refused.
    public func addLink(_ link: TrackedLink) throws {
        try queue.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM tracked_link WHERE slug = ?", arguments: [link.slug]) == true {
                throw ServerStoreError.linkExists(link.slug)
            }
            try db.execute(
                sql: """
                    INSERT INTO tracked_link (slug, target, utm_source, utm_medium, utm_campaign, utm_content, utm_term,
                                              created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    link.slug, link.target, link.utm.source, link.utm.medium, link.utm.campaign, link.utm.content,
                    link.utm.term, link.createdAt.microseconds,
                ])
        }
    }

    /// Every tracked link, by slug.
    public func links() throws -> [TrackedLink] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM tracked_link ORDER BY slug").map(Self.link(row:))
        }
    }

    /// The link of a slug, or nil.
    public func link(slug: String) throws -> TrackedLink? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM tracked_link WHERE slug = ?", arguments: [slug]).map(Self.link(row:))
        }
    }

    static func link(row: Row) -> TrackedLink {
        TrackedLink(
            slug: row["slug"], target: row["target"],
            utm: UTM(
                source: row["utm_source"], medium: row["utm_medium"], campaign: row["utm_campaign"],
                content: row["utm_content"], term: row["utm_term"]),
            createdAt: Timestamp(microseconds: row["created_at"]))
    }
}
