/// A store written in SQL: SQLite's and PostgreSQL's. The queries and rules both run are written once, in
/// extensions of this protocol (`SQLStore+Deals.swift`, …), over a ``SQLTransaction``.
package protocol SQLStore {}
