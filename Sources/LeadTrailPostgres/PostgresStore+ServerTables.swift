#if Postgres
public import LeadTrailCore
public import LeadTrailStore

extension PostgresStore: ServerTables {
    public func addLink(_ link: TrackedLink) throws {
        try transaction { db in
            let added = try db.execute(
                """
                INSERT INTO tracked_link (slug, target, utm_source, utm_medium, utm_campaign, utm_content, utm_term,
                                          created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING
                """,
                [
                    .text(link.slug), .text(link.target), .init(link.utm.source), .init(link.utm.medium),
                    .init(link.utm.campaign), .init(link.utm.content), .init(link.utm.term),
                    .integer(link.createdAt.microseconds),
                ])
            if added == 0 { throw ServerStoreError.linkExists(link.slug) }
        }
    }

    public func links() throws -> [TrackedLink] {
        try transaction(readOnly: true) { db in
            try db.rows("SELECT * FROM tracked_link ORDER BY slug").map(Self.link(row:))
        }
    }

    public func link(slug: String) throws -> TrackedLink? {
        try transaction(readOnly: true) { db in
            try db.row("SELECT * FROM tracked_link WHERE slug = ?", [.text(slug)]).map(Self.link(row:))
        }
    }

    static func link(row: PostgresResultRow) throws -> TrackedLink {
        TrackedLink(
            slug: try row.text("slug"), target: try row.text("target"),
            utm: UTM(
                source: try row.optionalText("utm_source"), medium: try row.optionalText("utm_medium"),
                campaign: try row.optionalText("utm_campaign"), content: try row.optionalText("utm_content"),
                term: try row.optionalText("utm_term")),
            createdAt: Timestamp(microseconds: try row.int("created_at")))
    }

    public func addToken(_ token: APIToken) throws {
        try transaction { db in
            if try db.int("SELECT 1 FROM api_token WHERE name = ?", [.text(token.name)]) != nil {
                throw ServerStoreError.tokenExists(token.name)
            }
            try db.execute(
                "INSERT INTO api_token (name, scope, token_sha256, created_at) VALUES (?, ?, ?, ?)",
                [.text(token.name), .text(token.scope.rawValue), .text(token.sha256),
                 .integer(token.createdAt.microseconds)])
        }
    }

    public func tokens() throws -> [APIToken] {
        try transaction(readOnly: true) { db in
            try db.rows("SELECT * FROM api_token ORDER BY name").compactMap { row in
                guard let scope = APIToken.Scope(rawValue: try row.text("scope")) else { return nil }
                return APIToken(
                    name: try row.text("name"), scope: scope, sha256: try row.text("token_sha256"),
                    createdAt: Timestamp(microseconds: try row.int("created_at")))
            }
        }
    }

    public func removeToken(name: String) throws {
        try transaction { db in
            guard try db.int("DELETE FROM api_token WHERE name = ? RETURNING 1", [.text(name)]) != nil else {
                throw ServerStoreError.unknownToken(name)
            }
        }
    }

    public func addWebhookSource(_ source: WebhookSource) throws {
        try transaction { db in
            let added = try db.execute(
                """
                INSERT INTO webhook_source (name, format, secret_sha256, handshake, shared_secret, created_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING
                """,
                [
                    .text(source.name), .text(source.format.rawValue), .text(source.secretSHA256),
                    .init(source.handshake), .init(source.sharedSecret), .integer(source.createdAt.microseconds),
                ])
            if added == 0 { throw ServerStoreError.hookExists(source.name) }
        }
    }

    public func submissionLead(key: String) throws -> Int64? {
        try transaction(readOnly: true) { db in
            try db.int("SELECT lead_id FROM submission WHERE record_key = ?", [.text(key)])
        }
    }

    public func webhookSources() throws -> [WebhookSource] {
        try transaction(readOnly: true) { db in
            try db.rows("SELECT * FROM webhook_source ORDER BY name").compactMap { row in
                guard let format = WebhookSource.Format(rawValue: try row.text("format")) else { return nil }
                return WebhookSource(
                    name: try row.text("name"), format: format, secretSHA256: try row.text("secret_sha256"),
                    handshake: try row.optionalText("handshake"), sharedSecret: try row.optionalText("shared_secret"),
                    createdAt: Timestamp(microseconds: try row.int("created_at")))
            }
        }
    }

    public func replaceWebhookSecret(name: String, sha256: String) throws {
        try transaction { db in
            let changed = try db.int(
                "UPDATE webhook_source SET secret_sha256 = ? WHERE name = ? RETURNING 1", [.text(sha256), .text(name)])
            guard changed != nil else { throw ServerStoreError.unknownHook(name) }
        }
    }

    public func removeWebhookSource(name: String) throws {
        try transaction { db in
            guard try db.int("DELETE FROM webhook_source WHERE name = ? RETURNING 1", [.text(name)]) != nil else {
                throw ServerStoreError.unknownHook(name)
            }
        }
    }

    @discardableResult
    public func addMetaLeadgen(
        id: String, source: String, pageID: String?, formID: String?, adID: String?, at time: Timestamp
    ) throws -> Bool {
        try transaction { db in
            try db.execute(
                """
                INSERT INTO meta_leadgen (leadgen_id, source, page_id, form_id, ad_id, received_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (leadgen_id) DO NOTHING
                """,
                [.text(id), .text(source), .init(pageID), .init(formID), .init(adID), .integer(time.microseconds)]) > 0
        }
    }

    public func pendingMetaLeadgens() throws -> [String] {
        try transaction(readOnly: true) { db in
            try db.rows(
                "SELECT leadgen_id FROM meta_leadgen WHERE fetched_at IS NULL ORDER BY received_at, leadgen_id"
            ).map { try $0.text(at: 0) }
        }
    }

    public func pendingMetaLeads(source: String) throws -> [PendingMetaLead] {
        try transaction(readOnly: true) { db in
            try db.rows(
                """
                SELECT leadgen_id, form_id, ad_id FROM meta_leadgen
                WHERE source = ? AND fetched_at IS NULL ORDER BY received_at, leadgen_id
                """, [.text(source)]
            ).map { row in
                PendingMetaLead(
                    id: try row.text("leadgen_id"), formID: try row.optionalText("form_id"),
                    adID: try row.optionalText("ad_id"))
            }
        }
    }

    public func markMetaLeadFetched(id: String, at time: Timestamp) throws {
        try transaction { db in
            _ = try db.execute(
                "UPDATE meta_leadgen SET fetched_at = ? WHERE leadgen_id = ? AND fetched_at IS NULL",
                [.integer(time.microseconds), .text(id)])
        }
    }
}
#endif
