#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailPostgres
import LeadTrailStore
import Testing

/// An import of forms on PostgreSQL judges a chunk's requests in memory and writes their rows in bulk: the leads,
/// requests, repeats, visitors, touches, deals and batches it leaves are those of writing every request by the
/// per-request statements (the definition), and those SQLite's import leaves. Seeded; `LEADTRAIL_PROPERTY_CASES`
/// sets how many cases.
@Suite(.enabled(if: TestServer.enabled))
struct PostgresBulkFormTests {
    static let cases = Int(ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"] ?? "") ?? 6

    /// One file of forms: its requests with their keys and content hashes, in the order the importer hands them.
    struct FormFile {
        var name: String
        var requests: [(request: NewLead, key: String, hash: String)]
    }

    /// A few files of requests from a few people: out of time order, some keys again in a later file (the same, or
    /// changed), some with touches, some without a visitor; and where to cut each into chunks.
    ///
    /// Some cases are a history exported in time order (the usual import): no key again, every request after the
    /// ones before it, so every request is judged in memory; and more people than in the other cases.
    static func files(_ random: inout SplitMix64) throws -> [FormFile] {
        var files: [FormFile] = []
        var number = 0
        let inTimeOrder = random.chance(40)
        let people = inTimeOrder ? 12 : 5
        for index in 0..<(2 + random.below(3)) {
            var file = FormFile(name: "forms-\(index).csv", requests: [])
            for _ in 0..<(3 + random.below(25)) {
                if !inTimeOrder, random.chance(20),
                    let earlier = files.randomElement(using: &random)?.requests.randomElement(using: &random)
                {
                    // A record of an earlier file again: unchanged, or changed under its key.
                    if random.chance(50) {
                        file.requests.append(earlier)
                    } else {
                        let changed = try PostgresParityTests.request(&random, number: number, people: people)
                        file.requests.append((changed, earlier.key, earlier.hash + "-changed"))
                    }
                } else {
                    number += 1
                    file.requests.append(
                        (try PostgresParityTests.request(&random, number: number, people: people), "form-\(number)",
                         "h\(number)"))
                }
            }
            // A key once a file: the importer refuses a file that repeats an id.
            var seen = Set<String>()
            file.requests = file.requests.filter { seen.insert($0.key).inserted }
            // The importer hands a file's records in time order; a writer must judge any order alike.
            if random.chance(60) {
                file.requests.sort { ($0.request.createdAt, $0.key) < ($1.request.createdAt, $1.key) }
            }
            files.append(file)
        }
        if inTimeOrder {
            // The same files' sizes, filled with all their requests in time order.
            var all = files.flatMap(\.requests).sorted { ($0.request.createdAt, $0.key) < ($1.request.createdAt, $1.key) }
            for index in files.indices {
                let count = files[index].requests.count
                files[index].requests = Array(all.prefix(count))
                all.removeFirst(count)
            }
        }
        return files
    }

    /// Imports `files` into `store`, each in chunks of `perChunk` announced ahead (nil: none announced, every
    /// request by the per-request statements); a deal naming a person by email comes first, a merge and an undo
    /// between files. Returns what a user sees of it all.
    static func run(
        _ files: [FormFile], perChunk: Int?, mergeAfter: Int?, undo: Int?, into store: any LeadTrailDatabase
    ) throws -> String {
        var log: [String] = []
        let rub = try Currency(code: "RUB")
        // In the middle of the requests' ninety days: a person's latest lead before it, or their earliest after.
        let dealTime = Timestamp(microseconds: PostgresParityTests.start.microseconds + 40 * 86_400_000_000)
        let dealBatch = try store.runImport(
            ImportBatch(
                id: nil, kind: .deals, fileName: "deals.csv", fileHash: "d", preset: nil,
                importedAt: PostgresParityTests.start, counts: ImportCounts()), dryRun: false
        ) { writer in
            var counts = ImportCounts()
            for person in 0..<3 {
                counts.count(
                    try writer.putDeal(
                        ImportedDeal(
                            id: "crm-\(person)", lead: .email(try Email(parsing: "person\(person)@example.ru")),
                            amount: Money(minorUnits: 100_000, currency: rub), status: .won,
                            createdAt: dealTime, closedAt: dealTime, refund: nil, contentHash: "deal-\(person)")))
            }
            return counts
        }
        log.append("deals \(dealBatch.counts)")
        var batches: [Int64] = []
        for (index, file) in files.enumerated() {
            let batch = try store.runImport(
                ImportBatch(
                    id: nil, kind: .forms, fileName: file.name, fileHash: file.name, preset: nil,
                    importedAt: PostgresParityTests.start, counts: ImportCounts()), dryRun: false
            ) { writer in
                var counts = ImportCounts()
                var start = 0
                while start < file.requests.count {
                    let chunk = file.requests[start..<min(start + (perChunk ?? file.requests.count), file.requests.count)]
                    if perChunk != nil {
                        try writer.expectSubmissions(
                            chunk.map(\.request), keys: chunk.map(\.key), contentHashes: chunk.map(\.hash))
                    }
                    for record in chunk {
                        counts.read += 1
                        counts.count(try writer.addSubmission(record.request, key: record.key, contentHash: record.hash))
                    }
                    start += chunk.count
                }
                return counts
            }
            log.append("\(file.name) \(batch.counts) changed nothing \(batch.changedNothing)")
            if let id = batch.id { batches.append(id) }
            if mergeAfter == index {
                let leads = try store.leads(matching: LeadFilter()).map(\.id).sorted()
                if leads.count >= 2 { try store.mergeLeads(keep: leads[1], other: leads[0]) }
            }
        }
        log.append(try PostgresParityTests.describe(store))
        if let undo, undo < batches.count {
            let undone = try store.undoImport(batches[undo], force: true)
            log.append("undo \(undone.removed) \(undone.strandedDeals)")
            log.append(try PostgresParityTests.describe(store))
        }
        return log.joined(separator: "\n")
    }

    @Test func chunkedRequestsLeaveWhatTheStatementsLeave() throws {
        for index in 0..<Self.cases {
            let seed = 0xF0_0000 + UInt64(index)
            var random = SplitMix64(seed: seed)
            let files = try Self.files(&random)
            let perChunk = 1 + random.below(12)
            let mergeAfter = random.chance(40) ? random.below(files.count) : nil
            let undo = random.chance(50) ? random.below(files.count) : nil
            let (sqlite, chunked) = try PostgresParityTests.both { store in
                try Self.run(files, perChunk: perChunk, mergeAfter: mergeAfter, undo: undo, into: store)
            }
            let statements = try TestServer.withDatabase { location in
                try Self.run(
                    files, perChunk: nil, mergeAfter: mergeAfter, undo: undo, into: PostgresStore.create(location).store)
            }
            #expect(chunked == statements, "seed \(seed), \(perChunk) a chunk")
            #expect(chunked == sqlite, "seed \(seed), \(perChunk) a chunk")
            // The case holds what the bulk path is for: new leads and repeats judged in memory.
            #expect(chunked.contains("duplicate:"), "seed \(seed)")
        }
    }
}
#endif
