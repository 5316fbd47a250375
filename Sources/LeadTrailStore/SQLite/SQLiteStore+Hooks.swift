import GRDB
public import LeadTrailCore

extension SQLiteStore {
    /// Stores a webhook source; a name in use is refused.
    public func addWebhookSource(_ source: WebhookSource) throws {
        try queue.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM webhook_source WHERE name = ?", arguments: [source.name])
                == true
            {
                throw ServerStoreError.hookExists(source.name)
            }
            try db.execute(
                sql: """
                    INSERT INTO webhook_source (name, format, secret_sha256, handshake, shared_secret, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    source.name, source.format.rawValue, source.secretSHA256, source.handshake, source.sharedSecret,
                    source.createdAt.microseconds,
                ])
        }
    }

    /// Every webhook source, by name.
    public func submissionLead(key: String) throws -> Int64? {
        try queue.read { db in
            try Int64.fetchOne(db, sql: "SELECT lead_id FROM submission WHERE record_key = ?", arguments: [key])
        }
    }

    public func webhookSources() throws -> [WebhookSource] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM webhook_source ORDER BY name").compactMap { row in
                guard let format = WebhookSource.Format(rawValue: row["format"]) else { return nil }
                return WebhookSource(
                    name: row["name"], format: format, secretSHA256: row["secret_sha256"], handshake: row["handshake"],
                    sharedSecret: row["shared_secret"], createdAt: Timestamp(microseconds: row["created_at"]))
            }
        }
    }

    public func replaceWebhookSecret(name: String, sha256: String) throws {
        try queue.write { db in
            try db.execute(
                sql: "UPDATE webhook_source SET secret_sha256 = ? WHERE name = ?", arguments: [sha256, name])
            if db.changesCount == 0 { throw ServerStoreError.unknownHook(name) }
        }
    }

    public func removeWebhookSource(name: String) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM webhook_source WHERE name = ?", arguments: [name])
            if db.changesCount == 0 { throw ServerStoreError.unknownHook(name) }
        }
    }

    /// Keeps a Meta lead id to fetch from the Graph API later; returns false when it was kept already (a retry).
    @discardableResult
    public func addMetaLeadgen(
        id: String, source: String, pageID: String?, formID: String?, adID: String?, at time: Timestamp
    ) throws -> Bool {
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO meta_leadgen (leadgen_id, source, page_id, form_id, ad_id, received_at)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (leadgen_id) DO NOTHING
                    """, arguments: [id, source, pageID, formID, adID, time.microseconds])
            return db.changesCount > 0
        }
    }

    /// The Meta lead ids not fetched yet, oldest first.
    public func pendingMetaLeadgens() throws -> [String] {
        try queue.read { db in
            try String.fetchAll(
                db, sql: "SELECT leadgen_id FROM meta_leadgen WHERE fetched_at IS NULL ORDER BY received_at, leadgen_id"
            )
        }
    }
}
