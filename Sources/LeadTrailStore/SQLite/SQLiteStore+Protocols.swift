/// The SQLite store is a whole ``LeadTrailDatabase``: its server tables and administration calls are in
/// `SQLiteStore+Links.swift`, `+Tokens.swift`, `+Hooks.swift`, `+Deals.swift` and `SQLiteStore.swift`.
extension SQLiteStore: ServerTables, StoreAdministration {}
