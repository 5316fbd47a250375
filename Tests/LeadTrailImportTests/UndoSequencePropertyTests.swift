import Foundation
import GRDB
import LeadTrailCore
import LeadTrailImport
import LeadTrailStore
import Testing

/// SPEC "What an import promises": any sequence of imports and undos leaves the database as if only the batches still
/// standing had been imported, in their order. Random sequences of click, spend, deal and form files (overlapping days,
/// replaced rows, updated deals and requests, records found the same again) and undos in any order, each compared by
/// a full dump with a fresh database where only the standing files were imported.
///
/// Fixed seed; `LEADTRAIL_PROPERTY_CASES` sets the number of cases (200 by default).
struct UndoSequencePropertyTests {
    static let seed: UInt64 = 0x5EED_0B11_2026_1204

    static var cases: Int {
        ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap(Int.init) ?? 200
    }

    @Test func anySequenceOfImportsAndUndosEqualsImportingTheStandingBatches() throws {
        var failures = 0
        for index in 0..<Self.cases {
            let caseSeed = Self.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15
            let report = try Self.run(seed: caseSeed)
            if let report {
                failures += 1
                Issue.record("case \(index), seed \(String(caseSeed, radix: 16)):\n\(report)")
                if failures >= 3 { break }
            }
        }
    }

    /// One case: returns nil when the two databases agree, else the steps and the difference.
    static func run(seed: UInt64) throws -> String? {
        var random = SplitMix64(seed: seed)
        let folder = TemporaryFolder()
        let original = try Self.store(folder, "original.sqlite")
        var standing: [(batch: Int64, kind: ImportKind, file: URL)] = []
        var log: [String] = []
        let steps = 3 + random.below(8)
        for step in 0..<steps {
            if !standing.isEmpty && random.below(10) < 4 {
                let victim = standing.remove(at: random.below(standing.count))
                _ = try original.store.undoImport(victim.batch, force: false)
                log.append("undo \(victim.batch)")
            } else {
                let kind: ImportKind = [.clicks, .spend, .deals, .forms][random.below(4)]
                let text = FileGenerator.file(kind, random: &random)
                let file = folder.file("step\(step).\(kind == .spend ? "json" : "ndjson")", text)
                let batch = try Importer.run(ImportJob(kind: kind, file: file, options: options), store: original.store)
                log.append("import \(kind.rawValue) → \(batch.id.map(String.init) ?? "no batch")\n\(text)")
                if let id = batch.id { standing.append((id, kind, file)) }
            }
        }
        let replay = try Self.store(folder, "replay.sqlite")
        var batchMap: [Int64: Int64] = [:]
        for entry in standing {
            let batch = try Importer.run(
                ImportJob(kind: entry.kind, file: entry.file, options: options), store: replay.store)
            if let id = batch.id { batchMap[entry.batch] = id }
        }
        let expected = try Dump.of(replay.file, batches: nil)
        let actual = try Dump.of(original.file, batches: batchMap)
        guard expected != actual else { return nil }
        let difference =
            zip(expected.split(separator: "\n"), actual.split(separator: "\n"))
            .first { $0.0 != $0.1 }.map { "expected: \($0.0)\nactual:   \($0.1)" } ?? "dumps differ in length"
        return log.joined(separator: "\n") + "\nstanding: \(standing.map(\.batch))\n" + difference
            + "\n--- expected\n\(expected)\n--- actual\n\(actual)"
    }

    /// A fresh store with the two leads that generated deals name by email.
    static func store(_ folder: TemporaryFolder, _ name: String) throws -> (store: SQLiteStore, file: URL) {
        let file = folder.url.appendingPathComponent(name)
        let store = try SQLiteStore.create(path: file.path).store
        for (day, email) in [(1, "anna@example.com"), (3, "boris@example.com")] {
            _ = try store.addLead(
                NewLead(
                    createdAt: Timestamp(microseconds: 1_790_000_000_000_000 + Int64(day) * 86_400_000_000),
                    email: try Email(parsing: email)))
        }
        return (store, file)
    }
}

/// Import files drawn from small pools, so that files overlap: the same ids with other content, the same records
/// again, the same days of spend with other amounts.
enum FileGenerator {
    /// Campaigns with a source whose platform is the platform their spend rows give (so that a campaign's platform is
    /// the same whichever record creates it).
    static let campaigns = [("vk_sale", "vk"), ("ya_search", "yandex"), ("tg_promo", "telegram")]

    static func file(_ kind: ImportKind, random: inout SplitMix64) -> String {
        var lines: [String] = []
        switch kind {
        case .clicks:
            var ids = Set<Int>()
            for _ in 0..<(1 + random.below(6)) {
                let (campaign, source) = campaigns[random.below(campaigns.count)]
                let variant = random.below(3)
                let minute = 10 + random.below(3)
                let visitor = "v\(random.below(4))"
                let clickID = random.below(3) == 0 ? ",\"click_id\":\"gc\(random.below(2))\"" : ""
                let body =
                    "\"at\":\"2026-10-0\(1 + random.below(4))T10:\(minute):00Z\",\"visitor\":\"\(visitor)\","
                    + "\"utm_source\":\"\(source)\",\"utm_medium\":\"cpc\",\"utm_campaign\":\"\(campaign)\","
                    + "\"utm_content\":\"ad\(variant)\"\(clickID)"
                if random.below(4) == 0 {
                    lines.append("{\(body)}")  // no id: keyed by its content
                } else {
                    let id = random.below(8)
                    guard ids.insert(id).inserted else { continue }
                    lines.append("{\"id\":\"c\(id)\",\(body)}")
                }
            }
        case .spend:
            var keys = Set<String>()
            for _ in 0..<(1 + random.below(5)) {
                let (campaign, platform) = campaigns[random.below(campaigns.count)]
                let day = "2026-10-0\(1 + random.below(4))"
                guard keys.insert(day + campaign).inserted else { continue }
                let amount = [100, 250, 999][random.below(3)]
                lines.append(
                    "{\"date\":\"\(day)\",\"campaign\":\"\(campaign)\",\"amount\":\"\(amount).50\",\"currency\":\"RUB\","
                        + "\"platform\":\"\(platform)\",\"impressions\":\(amount * 10),\"clicks\":\(random.below(20))}")
            }
            return "[" + lines.joined(separator: ",\n") + "]"
        case .deals:
            var ids = Set<Int>()
            for _ in 0..<(1 + random.below(4)) {
                let id = random.below(5)
                guard ids.insert(id).inserted else { continue }
                let email = ["anna@example.com", "boris@example.com", "nobody@example.com"][random.below(3)]
                let amount = [1000, 2500][random.below(2)]
                var deal =
                    "{\"id\":\"d\(id)\",\"lead\":{\"email\":\"\(email)\"},\"amount\":\"\(amount)\",\"currency\":\"RUB\","
                    + "\"created_at\":\"2026-10-0\(1 + random.below(3))T12:00:00Z\""
                switch random.below(3) {
                case 0: break
                case 1: deal += ",\"status\":\"won\",\"closed_at\":\"2026-10-05T12:00:00Z\""
                default:
                    deal +=
                        ",\"status\":\"won\",\"closed_at\":\"2026-10-05T12:00:00Z\",\"refunded_amount\":\"\(random.below(2) + 1)00\""
                        + ",\"refunded_at\":\"2026-10-06T12:00:00Z\""
                }
                lines.append(deal + "}")
            }
        case .forms:
            // Requests of three people (two of them have a lead already), from a small pool of ids: the same request
            // again, the same id with another name or time, and requests without an id (keyed by their content).
            // A request's person and day follow from its id, so that the same request comes again often; its
            // hour and name vary (the same id with other content).
            var ids = Set<Int>()
            for _ in 0..<(1 + random.below(4)) {
                let id = random.below(6)
                guard ids.insert(id).inserted else { continue }
                let email = ["anna@example.com", "boris@example.com", "vera@example.com"][id % 3]
                let name = random.below(3) == 0 ? "\"name\":\"Другое имя\"," : ""
                let body =
                    "\(name)\"submitted_at\":\"2026-10-0\(1 + id % 4)T1\(random.below(2)):00:00Z\","
                    + "\"email\":\"\(email)\""
                lines.append(random.below(5) == 0 ? "{\(body)}" : "{\"id\":\"f\(id)\",\(body)}")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The data of a database without its batch history (`import_batch`, `batch_undo`, `batch_version`) and without
/// row ids that depend on the order rows came in: each row by its natural key, the batch it belongs to by the
/// replay's batch number (`batches` maps the original's standing batches to it; nil when it is the replay).
enum Dump {
    /// A lead named by its creation time and email (unique here), for a column holding its id.
    static func leadKey(_ column: String) -> String {
        "(SELECT created_at || ' ' || coalesce(email, '') FROM lead WHERE id = \(column))"
    }

    static func of(_ file: URL, batches: [Int64: Int64]?) throws -> String {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        let batch = { (id: Int64?) -> String in
            guard let id else { return "none" }
            guard let batches else { return String(id) }
            return batches[id].map(String.init) ?? "undone \(id)"
        }
        return try queue.read { db in
            var out = ""
            let queries: [(String, String)] = [
                (
                    "touch",
                    """
                    SELECT record_key, at, visitor, url, referrer, utm_source, utm_medium, utm_campaign, utm_content,
                           utm_term, click_id_type, click_id, channel, origin,
                           (SELECT key FROM campaign WHERE id = campaign_id) AS campaign, batch_id
                    FROM touch ORDER BY record_key
                    """
                ),
                (
                    "spend",
                    """
                    SELECT day, (SELECT key FROM campaign WHERE id = campaign_id) AS campaign, amount_minor, currency,
                           platform, impressions, reach, clicks, engagements, batch_id
                    FROM spend ORDER BY day, campaign
                    """
                ),
                (
                    "deal",
                    """
                    SELECT external_id, \(leadKey("lead_id")) AS lead, lead_ref, amount_minor, currency, status,
                           created_at, closed_at, content_hash, batch_id
                    FROM deal ORDER BY external_id
                    """
                ),
                (
                    "submission",
                    """
                    SELECT record_key, \(leadKey("lead_id")) AS lead, created_lead, at, name, email, content_hash,
                           batch_id
                    FROM submission ORDER BY record_key
                    """
                ),
                (
                    "refund",
                    """
                    SELECT (SELECT external_id FROM deal WHERE id = deal_id) AS deal, amount_minor, at, batch_id
                    FROM refund ORDER BY deal, at, amount_minor
                    """
                ),
                ("campaign", "SELECT key, name, platform, auto_created FROM campaign ORDER BY key"),
                ("shared_click_id", "SELECT click_id FROM shared_click_id ORDER BY click_id"),
                // Leads by what they are, not their id: an undo frees ids a replay never used.
                ("lead", "SELECT created_at, email, name, stage, batch_id FROM lead ORDER BY created_at, email"),
            ]
            for (table, sql) in queries {
                out += "-- \(table)\n"
                for row in try Row.fetchAll(db, sql: sql) {
                    var values: [String] = []
                    for (column, value) in row {
                        values.append(column == "batch_id" ? batch(row[column]) : value.description)
                    }
                    out += values.joined(separator: " | ") + "\n"
                }
            }
            return out
        }
    }
}
