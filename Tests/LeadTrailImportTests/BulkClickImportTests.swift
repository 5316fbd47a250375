import Foundation
import GRDB
import LeadTrailCore
import LeadTrailImport
import LeadTrailStore
import Testing

/// The bulk path of `import clicks` (a large file into a table holding few touches: the touch indexes are dropped
/// for the batch and built again at its end) leaves exactly what writing the same clicks one file of a few hundred
/// at a time leaves: the same touches, campaigns and shared click ids, and the same indexes, defined as before.
struct BulkClickImportTests {
    /// Over the bulk threshold (50,000), with click ids shared between visitors, campaigns, a synthetic visitor's
    /// touch and records without an id.
    static let count = 52_000

    /// NDJSON clicks `range` of the generated set; deterministic (SplitMix64, fixed seed).
    static func clicks(_ range: Range<Int>) -> String {
        var random = SplitMix64(seed: 0xB0_1C_C11C_2026)
        var lines: [String] = []
        for index in 0..<count {
            let visitor = "v\(random.below(9_000))"
            let second = index * 7
            let at = String(
                format: "2025-03-%02dT%02d:%02d:%02dZ", 1 + second / 86_400 % 28, second / 3_600 % 24,
                second / 60 % 60, second % 60)
            var fields = ["\"at\":\"\(at)\"", "\"visitor\":\"\(visitor)\""]
            switch random.below(4) {
            case 0:
                fields.append("\"utm_source\":\"vk\",\"utm_medium\":\"cpc\",\"utm_campaign\":\"vk_\(random.below(5))\"")
            case 1: fields.append("\"url\":\"https://example.com/?yclid=y\(random.below(3_000))\"")
            case 2: fields.append("\"referrer\":\"https://yandex.ru/\"")
            default: break
            }
            // Every eighth record has no id: it is keyed by its content.
            if index % 8 != 0 { fields.append("\"id\":\"c\(index)\"") }
            guard range.contains(index) else { continue }
            lines.append("{" + fields.joined(separator: ",") + "}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func store(_ folder: TemporaryFolder, _ name: String) throws -> (store: SQLiteStore, file: URL) {
        let file = folder.url.appendingPathComponent(name)
        return (try SQLiteStore.create(path: file.path).store, file)
    }

    /// The touch table's index definitions, by name.
    static func touchIndexes(_ file: URL) throws -> [String] {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT name || ': ' || sql FROM sqlite_master
                    WHERE type = 'index' AND tbl_name = 'touch' AND sql IS NOT NULL ORDER BY name
                    """)
        }
    }

    @Test func aLargeFileEqualsTheSameClicksWrittenInSmallFiles() throws {
        let folder = TemporaryFolder()
        let bulk = try Self.store(folder, "bulk.sqlite")
        let indexes = try Self.touchIndexes(bulk.file)
        #expect(indexes.count == 5)
        let large = folder.file("clicks.ndjson", Self.clicks(0..<Self.count))
        let batch = try Importer.run(ImportJob(kind: .clicks, file: large, options: options), store: bulk.store)
        #expect(batch.counts.imported == Self.count)
        #expect(try Self.touchIndexes(bulk.file) == indexes)

        let small = try Self.store(folder, "small.sqlite")
        var batches: [Int64: Int64] = [:]
        for (number, start) in stride(from: 0, to: Self.count, by: 900).enumerated() {
            let file = folder.file("part\(number).ndjson", Self.clicks(start..<min(start + 900, Self.count)))
            let part = try Importer.run(ImportJob(kind: .clicks, file: file, options: options), store: small.store)
            if let id = part.id { batches[id] = batch.id ?? 0 }
        }
        let expected = try Dump.of(small.file, batches: batches)
        let actual = try Dump.of(bulk.file, batches: nil)
        #expect(expected.contains("-- shared_click_id\n\"y"))
        #expect(actual == expected)
        // The indexes answer what they answered before, and the integrity check agrees with the table.
        let queue = try DatabaseQueue(path: bulk.file.path)
        defer { try? queue.close() }
        try queue.read { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            let byVisitor = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM touch INDEXED BY touch_by_visitor WHERE visitor = 'v17'")
            let scanned = try Int.fetchOne(db, sql: "SELECT count(*) FROM touch NOT INDEXED WHERE visitor = 'v17'")
            #expect(byVisitor == scanned)
        }
        // The same file again changes nothing, and leaves the indexes as they are.
        let again = try Importer.run(ImportJob(kind: .clicks, file: large, options: options), store: bulk.store)
        #expect(again.changedNothing)
        #expect(try Self.touchIndexes(bulk.file) == indexes)
    }

    @Test func aDryRunOrAFailedLargeFileLeavesTheIndexes() throws {
        let folder = TemporaryFolder()
        let target = try Self.store(folder, "target.sqlite")
        let indexes = try Self.touchIndexes(target.file)
        let large = folder.file("clicks.ndjson", Self.clicks(0..<Self.count))
        var job = ImportJob(kind: .clicks, file: large, options: options)
        job.dryRun = true
        let dry = try Importer.run(job, store: target.store)
        #expect(dry.id == nil && dry.counts.imported == Self.count)
        #expect(try Self.touchIndexes(target.file) == indexes)
        // A bad record near the end fails the file after the indexes were dropped: all of it rolls back.
        let broken = folder.file("broken.ndjson", Self.clicks(0..<Self.count) + "{\"visitor\":\"v1\"}\n")
        #expect(throws: ImportFileError.self) {
            try Importer.run(ImportJob(kind: .clicks, file: broken, options: options), store: target.store)
        }
        #expect(try Self.touchIndexes(target.file) == indexes)
        #expect(try target.store.importBatches().isEmpty)
    }
}
