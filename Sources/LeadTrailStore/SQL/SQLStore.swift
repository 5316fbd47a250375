/// A store written in SQL: SQLite's and PostgreSQL's. The queries and rules both run are written once, in
/// extensions of this protocol (`SQLStore+Deals.swift`, …), over a ``SQLTransaction``; the few steps whose SQL has
/// nothing in common (how a version is read and written back) are each store's requirements here.
package protocol SQLStore {
    /// The transaction the shared queries that need a store's own steps run over.
    associatedtype Transaction: SQLTransaction

    /// The live row's version as (content, extra, batch_id) for one record key, in this store's JSON functions; its
    /// statement takes ``SQLStore/recordKeyParts(_:_:)``.
    static func versionSelect(_ table: VersionedTable) -> String

    /// Writes a kept version back into its live row, owned by `owner` (0: by hand).
    static func restoreVersion(
        _ db: Transaction, _ table: VersionedTable, key: String, content: String, extra: String?, owner: Int64
    ) throws
}
