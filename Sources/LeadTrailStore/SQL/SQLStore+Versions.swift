/// The version history of keyed records, written once for both stores: what makes `imports undo` exact in any order.
///
/// A record one batch wrote has no history rows: the live row is that batch's version. When a second batch writes
/// the record (changed or the same again), the live row is kept as its owner's version first, then the new batch's
/// version is added. A day of spend a batch moved to its campaign's new name (a rename) is kept as the owner's version
/// and the batch's ``removedSpendContent``. Undoing a batch drops its versions; each record it had a version of becomes the latest version
/// still standing, owned by the batch that wrote that value first in the last run of equal versions (as importing
/// the standing batches in order would leave it), and a history left with one version is dropped again.
extension SQLStore {
    /// The `spend` record key of a day and campaign key.
    package static func spendKey(day: String, campaignKey: String) -> String { day + "\u{1F}" + campaignKey }

    /// The values that name one record in ``versionSelect(_:)`` and the other per-record statements: a spend row's
    /// day and campaign key, else the key itself.
    package static func recordKeyParts(_ table: VersionedTable, _ key: String) -> [String] {
        guard table == .spend, let separator = key.firstIndex(of: "\u{1F}") else { return [key] }
        return [String(key[..<separator]), String(key[key.index(after: separator)...])]
    }

    /// ``recordKeyParts(_:_:)`` as arguments.
    package static func recordKeyArguments(_ table: VersionedTable, _ key: String) -> [(any SQLBindable)?] {
        recordKeyParts(table, key).map { $0 }
    }

    /// The statement reading one live row's version, around the store's version `columns`.
    package static func versionSelect(_ table: VersionedTable, columns: String) -> String {
        switch table {
        case .touch: "SELECT \(columns) FROM touch WHERE record_key = ?"
        case .spend:
            """
            SELECT \(columns) FROM spend
            WHERE day = ? AND campaign_id = (SELECT id FROM campaign WHERE key = ?)
            """
        case .deal: "SELECT \(columns) FROM deal WHERE external_id = ?"
        }
    }

    /// Drops `batchID`'s versions and leaves each of its records as the standing batches would have.
    package static func undoVersions(_ db: Transaction, batchID: Int64) throws {
        let records = try db.fetchAll(
            sql: "SELECT table_name, record_key FROM batch_version WHERE batch_id = ? ORDER BY table_name, record_key",
            arguments: [batchID])
        try db.execute(sql: "DELETE FROM batch_version WHERE batch_id = ?", arguments: [batchID])
        for record in records {
            guard let table = VersionedTable(rawValue: record["table_name"]) else { continue }
            let key: String = record["record_key"]
            var standing = try db.fetchAll(
                sql: """
                    SELECT batch_id, content, extra FROM batch_version WHERE table_name = ? AND record_key = ?
                    ORDER BY batch_id
                    """, arguments: [table.rawValue, key])
            // A day a rename removed before any standing batch wrote it is a day no standing batch has: no version.
            while let first = standing.first, first["content"] as String == removedSpendContent {
                try db.execute(
                    sql: "DELETE FROM batch_version WHERE table_name = ? AND record_key = ? AND batch_id = ?",
                    arguments: [table.rawValue, key, first["batch_id"] as Int64])
                standing.removeFirst()
            }
            guard let latest = standing.last else { continue }
            let content: String = latest["content"]
            var owner: Int64 = latest["batch_id"]
            for version in standing.reversed() {
                guard version["content"] as String == content else { break }
                owner = version["batch_id"]
            }
            let live = try db.fetchOne(sql: versionSelect(table), arguments: recordKeyArguments(table, key))
            if content == removedSpendContent {
                // The latest standing batch moved the day to the campaign's new name.
                if live != nil { try deleteSpend(db, key: key) }
            } else if let live, live["content"] as String == content {
                try setOwner(db, table, key: key, owner: owner)
            } else if live != nil || table == .spend {
                // A day of spend a rename removed comes back.
                try restoreVersion(db, table, key: key, content: content, extra: latest["extra"], owner: owner)
            }
            if standing.count == 1 {
                try db.execute(
                    sql: "DELETE FROM batch_version WHERE table_name = ? AND record_key = ?",
                    arguments: [table.rawValue, key])
            }
        }
    }

    /// The batch a live row belongs to; 0 means none (written by hand).
    private static func setOwner(_ db: some SQLTransaction, _ table: VersionedTable, key: String, owner: Int64) throws {
        let batch: Int64? = owner == 0 ? nil : owner
        switch table {
        case .touch:
            try db.execute(sql: "UPDATE touch SET batch_id = ? WHERE record_key = ?", arguments: [batch, key])
        case .spend:
            try db.execute(
                sql:
                    "UPDATE spend SET batch_id = ? WHERE day = ? AND campaign_id = (SELECT id FROM campaign WHERE key = ?)",
                arguments: [batch] + recordKeyArguments(table, key))
        case .deal:
            try db.execute(
                sql: """
                    UPDATE refund SET batch_id = ?
                    WHERE batch_id IS NOT NULL AND deal_id = (SELECT id FROM deal WHERE external_id = ?)
                    """, arguments: [batch, key])
            try db.execute(sql: "UPDATE deal SET batch_id = ? WHERE external_id = ?", arguments: [batch, key])
        }
    }
}
