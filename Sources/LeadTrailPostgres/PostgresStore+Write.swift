#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailStore

extension PostgresStore {
    /// The namespace of the advisory locks on a person's contacts (`pg_advisory_xact_lock(namespace, hashtext(…))`).
    static let contactLockSpace: Int32 = 0x4C54
    /// The advisory lock that the step noting shared click ids holds to commit (see ``write(_:)``).
    static let sharedClickLock: Int64 = 0x4C54_636C_6963_6B73

    /// Runs `body` in one write transaction, then notes the click ids its touches share with another visitor.
    ///
    /// The noting step waits for ``sharedClickLock`` so that two writers adding touches of one click id at once
    /// never both miss each other: the second one's query starts after the first one committed.
    func write<T>(_ body: (SQLConnection) throws -> T) throws -> T {
        try transaction { transaction in
            let db = SQLConnection(transaction)
            let lastTouch = try Self.lastTouchID(db)
            let result = try body(db)
            try Self.noteSharedClickIDs(db, touchesAfter: lastTouch)
            return result
        }
    }

    /// Runs `body` in one read-only transaction.
    func read<T>(_ body: (SQLConnection) throws -> T) throws -> T {
        try transaction(readOnly: current == nil) { transaction in try body(SQLConnection(transaction)) }
    }

    /// The highest touch id so far: touches a write adds get higher ones.
    static func lastTouchID(_ db: SQLConnection) throws -> Int64 {
        try db.value(Int64.self, sql: "SELECT coalesce(max(id), 0) FROM touch") ?? 0
    }

    /// Adds to `shared_click_id` the click ids of the touches after `id` that another visitor has too.
    static func noteSharedClickIDs(_ db: SQLConnection, touchesAfter id: Int64) throws {
        guard
            try db.value(
                Int64.self,
                sql: "SELECT 1 FROM touch AS added WHERE \(SQLDialect.touchesAdded("added")) AND added.click_id IS NOT NULL LIMIT 1",
                arguments: [id]) != nil
        else { return }
        try addSharedClickIDs(db, touchesAfter: id)
    }

    /// ``noteSharedClickIDs(_:touchesAfter:)`` once it is known that a touch after `id` has a click id: waits for
    /// ``sharedClickLock``, then notes them.
    static func addSharedClickIDs(_ db: SQLConnection, touchesAfter id: Int64) throws {
        try db.transaction.lock(sharedClickLock)
        try db.execute(
            sql: """
                INSERT INTO shared_click_id (click_id)
                SELECT DISTINCT added.click_id FROM touch AS added
                WHERE \(SQLDialect.touchesAdded("added")) AND added.click_id IS NOT NULL
                    AND EXISTS (SELECT 1 FROM touch AS other
                                WHERE other.click_id = added.click_id AND other.visitor <> added.visitor)
                ON CONFLICT DO NOTHING
                """, arguments: [id])
    }

    /// Rebuilds `shared_click_id` from every touch: after an undo puts old touches back.
    static func recomputeSharedClickIDs(_ db: SQLConnection) throws {
        try db.transaction.lock(sharedClickLock)
        try db.execute(sql: "DELETE FROM shared_click_id")
        try db.execute(
            sql: """
                INSERT INTO shared_click_id (click_id)
                SELECT click_id FROM touch WHERE click_id IS NOT NULL GROUP BY click_id HAVING COUNT(DISTINCT visitor) > 1
                """)
    }

    /// The namespace of the advisory locks that number new rows (``nextID(_:table:)``).
    static let numberingLockSpace: Int32 = 0x4C4E

    /// The number a new lead, deal, import batch or goal gets: one more than the highest, as SQLite numbers rows,
    /// so that both stores give the same numbers for the same history (a rolled-back dry run leaves no gap a sequence
    /// would); a lead's or deal's number a delete removed is never given again (`SQLDialect.nextID`). The table's numbering lock is held to commit, so two writers never take one number.
    static func nextID(_ db: SQLConnection, table: String) throws -> Int64 {
        try lockNumbering(db, table: table)
        return try db.value(Int64.self, sql: "SELECT \(SQLDialect.postgres.nextID(table))") ?? 1
    }

    /// Takes the table's numbering lock, once per transaction: a statement that numbers its own row
    /// (`coalesce(max(id), 0) + 1` inside the `INSERT`) may run after it.
    static func lockNumbering(_ db: SQLConnection, table: String) throws {
        guard db.numberingLocks.insert(table).inserted else { return }
        try db.execute(
            sql: "SELECT pg_advisory_xact_lock(\(numberingLockSpace), hashtext(?))", arguments: [table])
    }

    /// The advisory lock that judging people takes first: shared by single requests (`lead add`, `lead merge`),
    /// exclusive for a batch (an import of forms, an undo).
    static let judgingLock: Int64 = 0x4C54_6A75_6467_6573

    /// Waits until this transaction may judge the people with these contacts (`email:…`, `phone:…`).
    ///
    /// A batch takes the exclusive judging lock once and judges alone. A single request takes the shared judging
    /// lock, then each contact's lock in sorted order; contacts found later while following a person take their
    /// locks then. Two single requests that would wait for each other in a circle are a deadlock the server breaks
    /// by aborting one, which then runs again (its transaction holds nothing else). So concurrent writers of one
    /// person wait for each other and never fail.
    static func lockPeople(_ db: SQLConnection, _ contacts: some Sequence<String>) throws {
        if !db.holdsJudgingLock {
            let mode = db.judgesExclusively ? "" : "_shared"
            // Another import judging people holds it: say once, on a terminal, why nothing moves (as on SQLite).
            if try db.value(Bool.self, sql: "SELECT pg_try_advisory_xact_lock\(mode)(?)", arguments: [judgingLock])
                != true
            {
                if isatty(STDERR_FILENO) == 1 {
                    FileHandle.standardError.write(
                        Data("waiting for another import to finish… (another leadtrail is judging leads)\n".utf8))
                }
                try db.execute(sql: "SELECT pg_advisory_xact_lock\(mode)(?)", arguments: [judgingLock])
            }
            db.holdsJudgingLock = true
        }
        guard !db.judgesExclusively else { return }
        for contact in Set(contacts).subtracting(db.lockedContacts).sorted() {
            try db.execute(
                sql: "SELECT pg_advisory_xact_lock(\(contactLockSpace), hashtext(?))", arguments: [contact])
            db.lockedContacts.insert(contact)
        }
    }
}
#endif
