import Foundation
import GRDB
import LeadTrailCore
import LeadTrailImport
import LeadTrailStore
import Testing

/// `import forms` judges a file a chunk at a time (``ImportJob/formsPerChunk``): the store reads ahead what a chunk
/// needs after the previous chunk's writes, in the same transaction. Whatever the chunk size, the file leaves the
/// leads, requests, events, links and touches that one chunk leaves, counts the same outcomes, and its undo leaves
/// the same database — also when one person's requests fall in different chunks: a repeat within the duplicate
/// window across a boundary, a request that changes a stored one (people judged again from the database mid-chunk),
/// later requests stored first, and a person merged by hand (their requests pinned).
struct FormChunkTests {
    static func importForms(
        _ lines: [String], _ name: String, into store: SQLiteStore, folder: TemporaryFolder, perChunk: Int
    ) throws -> ImportBatch {
        let file = folder.file(name, lines.joined(separator: "\n") + "\n")
        var job = ImportJob(kind: .forms, file: file, options: options)
        job.formsPerChunk = perChunk
        return try Importer.run(job, store: store)
    }

    /// What stands before the file: some of its people's later requests, one of its requests with other content,
    /// and two of its people's leads merged.
    static func prepare(_ store: SQLiteStore, _ file: URL, all: [String], folder: TemporaryFolder) throws {
        var changed = all[1_200]
        changed = changed.replacingOccurrences(of: "\"name\":\"Ирина", with: "\"name\":\"Ира")
        _ = try importForms(Array(all[2_000..<2_040]), "late.ndjson", into: store, folder: folder, perChunk: 5_000)
        _ = try importForms([changed], "changed.ndjson", into: store, folder: folder, perChunk: 5_000)
        let queue = try DatabaseQueue(path: file.path)
        let leads = try queue.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM lead ORDER BY id LIMIT 2") }
        try queue.close()
        try #require(leads.count == 2)
        try store.mergeLeads(keep: leads[0], other: leads[1])
    }

    @Test(arguments: [1, 7, 250])
    func chunksLeaveWhatOneChunkLeaves(perChunk: Int) throws {
        let all = BulkFormImportTests.forms(0..<BulkFormImportTests.count)
        let folder = TemporaryFolder()
        let one = try BulkFormImportTests.store(folder, "one.sqlite")
        let many = try BulkFormImportTests.store(folder, "many.sqlite")
        try Self.prepare(one.store, one.file, all: all, folder: folder)
        try Self.prepare(many.store, many.file, all: all, folder: folder)
        let before = try Self.dump(one.file)
        #expect(try Self.dump(many.file) == before)

        let whole = try Self.importForms(all, "whole.ndjson", into: one.store, folder: folder, perChunk: .max)
        let chunked = try Self.importForms(all, "chunked.ndjson", into: many.store, folder: folder, perChunk: perChunk)
        #expect(chunked.counts == whole.counts)
        #expect(whole.counts.duplicates > 0 && whole.counts.updated == 1 && whole.counts.skipped > 0)
        let expected = try Self.dump(one.file)
        #expect(expected.contains("duplicate"))
        #expect(try Self.pinnedRequests(one.file) > 0)
        #expect(try Self.dump(many.file) == expected)

        _ = try one.store.undoImport(try #require(whole.id), force: false)
        _ = try many.store.undoImport(try #require(chunked.id), force: false)
        let undone = try Self.dump(one.file)
        #expect(undone == before)
        #expect(try Self.dump(many.file) == undone)
    }

    /// The file imported again in chunks changes nothing and keeps no batch, whatever the chunk size.
    @Test func aFileImportedAgainInChunksChangesNothing() throws {
        let all = BulkFormImportTests.forms(0..<BulkFormImportTests.count)
        let folder = TemporaryFolder()
        let target = try BulkFormImportTests.store(folder, "again.sqlite")
        let first = try Self.importForms(all, "forms.ndjson", into: target.store, folder: folder, perChunk: 300)
        #expect(first.counts.imported > 0)
        let after = try Self.dump(target.file)
        let again = try Self.importForms(all, "forms.ndjson", into: target.store, folder: folder, perChunk: 7)
        #expect(again.changedNothing && again.counts.skipped == all.count)
        #expect(try Self.dump(target.file) == after)
        #expect(try target.store.importBatches().count == 1)
    }

    /// ``BulkFormImportTests/dump(_:)`` with the time of a merge's event (the clock's, when it was made) left out.
    static func dump(_ file: URL) throws -> String {
        let text = try BulkFormImportTests.dump(file)
        return text.replacing(/\| -?[0-9]+ \| "merged" \|/, with: "| (merge time) | \"merged\" |")
    }

    static func pinnedRequests(_ file: URL) throws -> Int {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM submission WHERE pinned_lead IS NOT NULL") ?? 0
        }
    }
}
