import Foundation
import GRDB
import LeadTrailCore
import LeadTrailImport
import LeadTrailStore
import Testing

/// The bulk path of `import forms` (the file's keys, and the requests and leads of the people it names, read once
/// and kept in memory; every per-request write bound through SQLite's C API) leaves exactly what recording the same
/// requests a few hundred at a time leaves — also when a request in the middle of the file comes before one already
/// stored, or changes one, so that people are judged again from the database half-way through.
struct BulkFormImportTests {
    /// Enough requests for people to repeat themselves inside and outside the duplicate window.
    static let count = 2_400

    /// NDJSON forms `range` of the generated set, in time order; deterministic (SplitMix64, fixed seed). 700 people
    /// with one to five requests over ninety days (repeats inside and outside the duplicate window), by email, phone
    /// or both, half of them with UTM values, some with a visitor.
    static func forms(_ range: Range<Int>) -> [String] {
        var random = SplitMix64(seed: 0xF0_2A_5B_2026)
        var lines: [String] = []
        for index in 0..<count {
            let person = random.below(700)
            let second = index * 3_240
            let at = String(
                format: "2025-%02d-%02dT%02d:%02d:%02dZ", 1 + second / 2_419_200 % 12, 1 + second / 86_400 % 28,
                second / 3_600 % 24, second / 60 % 60, second % 60)
            var fields = ["\"submitted_at\":\"\(at)\"", "\"name\":\"Ирина \(person)\"", "\"id\":\"f\(index)\""]
            switch person % 3 {
            case 0: fields.append("\"email\":\"p\(person)@example.ru\"")
            case 1: fields.append("\"phone\":\"8 (916) \(String(format: "%03d", person))-00-11\"")
            default:
                fields.append("\"email\":\"p\(person)@example.ru\",\"phone\":\"+7916\(String(format: "%03d", person))0011\"")
            }
            if random.below(2) == 0 {
                fields.append(
                    "\"page_url\":\"https://example.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=c\(random.below(4))\"")
            }
            if random.below(3) == 0 { fields.append("\"visitor\":\"v\(person)\"") }
            guard range.contains(index) else { continue }
            lines.append("{" + fields.joined(separator: ",") + "}")
        }
        return lines
    }

    /// What the tables requests write into hold, batch ids left out (one file against many).
    static func dump(_ file: URL) throws -> String {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        return try queue.read { db in
            let queries = [
                "SELECT id, created_at, name, email, phone, stage, form, external_id FROM lead ORDER BY id",
                """
                SELECT record_key, lead_id, created_lead, at, name, email, phone, visitor, touch_key, pinned_lead
                FROM submission ORDER BY record_key
                """,
                "SELECT lead_id, visitor, by_hand FROM lead_visitor ORDER BY lead_id, visitor",
                "SELECT lead_id, at, kind, detail FROM lead_event ORDER BY lead_id, at, kind, detail",
                "SELECT lead_id, from_stage, to_stage, at FROM stage_change ORDER BY lead_id, at",
                "SELECT lead_id, now_lead_id, reason FROM lead_redirect ORDER BY lead_id",
                """
                SELECT record_key, at, visitor, utm_campaign, origin, (SELECT key FROM campaign WHERE id = campaign_id)
                FROM touch ORDER BY record_key
                """,
                "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
                "PRAGMA integrity_check",
            ]
            var out = ""
            for sql in queries {
                out += "-- \(sql.prefix(40))\n"
                for row in try Row.fetchAll(db, sql: sql) {
                    out += row.databaseValues.map(\.description).joined(separator: " | ") + "\n"
                }
            }
            return out
        }
    }

    static func store(_ folder: TemporaryFolder, _ name: String) throws -> (store: SQLiteStore, file: URL) {
        let file = folder.url.appendingPathComponent(name)
        return (try SQLiteStore.create(path: file.path).store, file)
    }

    static func importForms(_ lines: [String], _ name: String, into store: SQLiteStore, folder: TemporaryFolder) throws
        -> ImportBatch
    {
        let file = folder.file(name, lines.joined(separator: "\n") + "\n")
        return try Importer.run(ImportJob(kind: .forms, file: file, options: options), store: store)
    }

    /// Runs `before` (small files), then the large file either whole or in files of 300, and compares.
    static func compare(before: [[String]], large: [String]) throws {
        let folder = TemporaryFolder()
        let bulk = try store(folder, "bulk.sqlite")
        let small = try store(folder, "small.sqlite")
        for (number, lines) in before.enumerated() {
            _ = try importForms(lines, "before-bulk\(number).ndjson", into: bulk.store, folder: folder)
            _ = try importForms(lines, "before-small\(number).ndjson", into: small.store, folder: folder)
        }
        let batch = try importForms(large, "large.ndjson", into: bulk.store, folder: folder)
        #expect(batch.counts.read == large.count)
        for (number, start) in stride(from: 0, to: large.count, by: 300).enumerated() {
            _ = try importForms(
                Array(large[start..<min(start + 300, large.count)]), "part\(number).ndjson", into: small.store,
                folder: folder)
        }
        let expected = try dump(small.file)
        #expect(expected.contains("duplicate"))
        #expect(expected.contains("lead_by_email: CREATE INDEX"))
        #expect(try dump(bulk.file) == expected)
    }

    @Test func aLargeFileEqualsTheSameRequestsInSmallFiles() throws {
        try Self.compare(before: [], large: Self.forms(0..<Self.count))
    }

    /// A few of the people's later requests are stored first: the file's earlier requests of those people come
    /// before them (judged again from the database), and one request of the file changes a stored one.
    @Test func requestsBeforeStoredOnesAndChangedOnesMidFile() throws {
        let all = Self.forms(0..<Self.count)
        let late = Array(all[2_000..<2_040])
        var changed = all[1_200]
        changed = changed.replacingOccurrences(of: "\"name\":\"Ирина", with: "\"name\":\"Ира")
        try Self.compare(before: [late, [changed]], large: all)
    }

    @Test func aDryRunOrARefusedLargeFileLeavesTheDatabase() throws {
        let folder = TemporaryFolder()
        let target = try Self.store(folder, "target.sqlite")
        let before = try Self.dump(target.file)
        let file = folder.file("forms.ndjson", Self.forms(0..<Self.count).joined(separator: "\n") + "\n")
        var job = ImportJob(kind: .forms, file: file, options: options)
        job.dryRun = true
        let dry = try Importer.run(job, store: target.store)
        #expect(dry.id == nil && dry.counts.imported > 0)
        #expect(try Self.dump(target.file) == before)
        // A file whose last record is invalid is refused whole: nothing of it is written.
        let broken = folder.file(
            "broken.ndjson", Self.forms(0..<Self.count).joined(separator: "\n") + "\n{\"name\":\"без даты\"}\n")
        #expect(throws: ImportFileError.self) {
            try Importer.run(ImportJob(kind: .forms, file: broken, options: options), store: target.store)
        }
        #expect(try Self.dump(target.file) == before)
        #expect(try target.store.importBatches().isEmpty)
    }
}
