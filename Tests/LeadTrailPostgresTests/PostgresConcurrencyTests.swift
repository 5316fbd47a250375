#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailPostgres
import LeadTrailStore
import Synchronization
import Testing

/// Writers at once on one PostgreSQL database, each with its own connection as separate processes have: they wait
/// for each other where the rules need it and never fail, and the leads are those of running them one by one.
@Suite(.enabled(if: TestServer.enabled))
struct PostgresConcurrencyTests {
    static let start = Timestamp(microseconds: 1_790_000_000_000_000)

    /// The leads without their numbers (which depend on the order of arrival): who, when, which requests repeat.
    static func leadsByContent(_ store: PostgresStore) throws -> [String] {
        try store.leads(matching: LeadFilter()).map { lead in
            let detail = try store.leadDetail(id: lead.id)
            let repeats = detail.events.filter { $0.kind == "duplicate" }.count
            return "\(lead.createdAt.microseconds) \(lead.phone?.e164 ?? "-") \(lead.email?.normalized ?? "-") "
                + "repeats \(repeats) visitors \(detail.visitors.count)"
        }.sorted()
    }

    /// Eight `lead add` writers with overlapping phones, plus two imports of forms and one of clicks at once.
    @Test func eightLeadAddsAndTwoImportsAtOnce() throws {
        var random = SplitMix64(seed: 0xC0C0_2026)
        // 8 writers × 6 requests over 4 phones: every person has requests from several writers, in any order.
        let requests: [[NewLead]] = try (0..<8).map { writer in
            try (0..<6).map { number in
                let person = random.below(4)
                let hours = Int64(random.below(24 * 60))
                return NewLead(
                    createdAt: Timestamp(microseconds: Self.start.microseconds + hours * 3_600_000_000),
                    name: "Клиент \(person)", phone: try Phone(parsing: "+7 916 555-00-0\(person)"),
                    visitor: "w\(writer)-v\(number)")
            }
        }
        let forms: [[NewLead]] = try (0..<2).map { file in
            try (0..<10).map { number in
                let person = random.below(4)
                return NewLead(
                    createdAt: Timestamp(microseconds: Self.start.microseconds + Int64(random.below(24 * 60)) * 3_600_000_000),
                    phone: try Phone(parsing: "8 (916) 555-00-0\(person)"), visitor: "f\(file)-v\(number)")
            }
        }
        @Sendable func importForms(_ store: PostgresStore, _ file: Int) throws {
            _ = try store.runImport(
                ImportBatch(
                    id: nil, kind: .forms, fileName: "forms\(file).csv", fileHash: "\(file)", preset: nil,
                    importedAt: Self.start, counts: ImportCounts()), dryRun: false
            ) { writer in
                var counts = ImportCounts()
                for (number, request) in forms[file].enumerated() {
                    counts.count(try writer.addSubmission(request, key: "forms\(file)-\(number)", contentHash: "x"))
                }
                return counts
            }
        }
        @Sendable func importClicks(_ store: PostgresStore) throws {
            _ = try store.runImport(
                ImportBatch(
                    id: nil, kind: .clicks, fileName: "clicks.csv", fileHash: "c", preset: nil, importedAt: Self.start,
                    counts: ImportCounts()), dryRun: false
            ) { writer in
                var counts = ImportCounts()
                for number in 0..<200 {
                    counts.count(
                        try writer.addClick(
                            Touch(
                                key: "click-\(number)", at: Self.start, visitor: "w\(number % 8)-v\(number % 6)",
                                utm: UTM(source: "vk", medium: "cpc", campaign: "Зима"),
                                clickID: ClickID(parameter: "vkclid", value: "id\(number % 50)"), channel: .paidSocial)))
                }
                return counts
            }
        }

        let (concurrent, sequential) = try TestServer.withDatabase { location in
            _ = try PostgresStore.create(location)
            let failures = Mutex<[String]>([])
            let group = DispatchGroup()
            for index in 0..<11 {
                DispatchQueue.global().async(group: group) {
                    do {
                        let store = try PostgresStore.open(location)
                        switch index {
                        case 0..<8: for request in requests[index] { _ = try store.addLead(request) }
                        case 8, 9: try importForms(store, index - 8)
                        default: try importClicks(store)
                        }
                    } catch {
                        failures.withLock { $0.append("writer \(index): \(error)") }
                    }
                }
            }
            group.wait()
            #expect(failures.withLock { $0 } == [])
            let concurrent = try Self.leadsByContent(PostgresStore.open(location))
            let sequential = try TestServer.withDatabase { other in
                let store = try PostgresStore.create(other).store
                for writer in requests { for request in writer { _ = try store.addLead(request) } }
                try importForms(store, 0)
                try importForms(store, 1)
                try importClicks(store)
                return try Self.leadsByContent(store)
            }
            let store = try PostgresStore.open(location)
            // Nothing lost: every request is recorded once.
            let recorded = try store.transaction(readOnly: true) { db in try db.int("SELECT count(*) FROM submission") }
            #expect(recorded == Int64(8 * 6 + 2 * 10))
            #expect(try store.transaction(readOnly: true) { db in try db.int("SELECT count(*) FROM touch") } == 200)
            return (concurrent, sequential)
        }
        #expect(!concurrent.isEmpty)
        #expect(concurrent == sequential)
    }
}
#endif
