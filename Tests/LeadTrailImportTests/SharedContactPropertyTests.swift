import Foundation
import GRDB
import LeadTrailCore
import LeadTrailImport
import LeadTrailStore
import Testing

/// Schema 15 keeps the emails and phones two or more leads share (`shared_contact`) by triggers, and a report's
/// identity reads only them: the table must be what grouping every lead's contacts gives, whatever happened. Random
/// sequences of forms files (a few people's emails and phones, months apart, so that one person has several leads),
/// `lead add`s, merges, `lead forget`s and undos of any batch; after every step the table is compared with the
/// grouping.
///
/// Fixed seed; `LEADTRAIL_PROPERTY_CASES` sets the number of cases (200 by default).
struct SharedContactPropertyTests {
    static let seed: UInt64 = 0x5EED_C0DE_2026_1205

    static var cases: Int {
        ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap(Int.init) ?? 200
    }

    static let grouped = """
        SELECT 'email' AS kind, email AS value FROM lead WHERE email IS NOT NULL GROUP BY email HAVING COUNT(*) > 1
        UNION ALL
        SELECT 'phone', phone FROM lead WHERE phone IS NOT NULL GROUP BY phone HAVING COUNT(*) > 1
        ORDER BY kind, value
        """

    @Test func sharedContactsAreAlwaysTheContactsLeadsShare() throws {
        var failures = 0
        for index in 0..<Self.cases {
            var random = SplitMix64(seed: Self.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            if let report = try Self.run(&random) {
                failures += 1
                Issue.record("case \(index):\n\(report)")
                if failures >= 3 { break }
            }
        }
    }

    /// One case: nil when the table matched the grouping after every step, else the steps up to the first mismatch.
    static func run(_ random: inout SplitMix64) throws -> String? {
        let folder = TemporaryFolder()
        let file = folder.url.appendingPathComponent("contacts.sqlite")
        let store = try SQLiteStore.create(path: file.path).store
        let queue = try DatabaseQueue(path: file.path)
        var batches: [Int64] = []
        var log: [String] = []
        for step in 0..<(4 + random.below(10)) {
            switch random.below(10) {
            case 0..<4:
                var lines: [String] = []
                for _ in 0..<(1 + random.below(4)) {
                    let day = 1 + random.below(28)
                    let month = 1 + random.below(9)
                    var fields = ["\"submitted_at\":\"2026-0\(month)-\(day < 10 ? "0" : "")\(day)T10:00:00Z\""]
                    if random.below(3) != 0 { fields.append("\"email\":\"p\(random.below(4))@example.ru\"") }
                    if fields.count == 1 || random.below(2) == 0 {
                        fields.append("\"phone\":\"8 (916) 000-00-0\(random.below(4))\"")
                    }
                    lines.append("{" + fields.joined(separator: ",") + "}")
                }
                log.append(
                    try RandomSteps.importFile(
                        .forms, lines.joined(separator: "\n") + "\n", named: "step\(step).ndjson", into: store,
                        folder: folder, batches: &batches))
            case 4, 5:
                guard !batches.isEmpty else { continue }
                let victim = batches.remove(at: random.below(batches.count))
                _ = try store.undoImport(victim, force: true)
                log.append("undo \(victim)")
            case 6:
                let at = Timestamp(microseconds: 1_790_000_000_000_000 + Int64(random.below(200)) * 86_400_000_000)
                let added = try store.addLead(
                    NewLead(createdAt: at, email: try Email(parsing: "p\(random.below(4))@example.ru")))
                log.append("lead add → \(added)")
            case 7:
                // A merge may be refused (not this test's subject): then nothing changed.
                guard let line = try RandomSteps.mergeLeads(in: store, &random) else { continue }
                log.append(line)
            default:
                let ids = try store.leads(matching: LeadFilter()).map(\.id)
                guard !ids.isEmpty else { continue }
                let id = ids[random.below(ids.count)]
                do {
                    try store.forgetLead(id)
                    log.append("lead forget \(id)")
                } catch {
                    log.append("lead forget \(id) refused: \(error)")
                }
            }
            let (kept, expected) = try queue.read { db in
                (
                    try Row.fetchAll(db, sql: "SELECT kind, value FROM shared_contact ORDER BY kind, value")
                        .map { "\($0[0] as String) \($0[1] as String)" },
                    try Row.fetchAll(db, sql: grouped).map { "\($0[0] as String) \($0[1] as String)" }
                )
            }
            if kept != expected {
                return log.joined(separator: "\n") + "\nshared_contact: \(kept)\ngrouped:        \(expected)"
            }
        }
        return nil
    }
}
