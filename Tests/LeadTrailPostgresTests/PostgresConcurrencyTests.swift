#if Postgres
import Foundation
import LeadTrailCore
@testable import LeadTrailPostgres
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

    /// Who names the campaign while the undo runs: an import, or `leadtrail serve`'s click group function.
    enum CampaignNamer: String, CaseIterable, Sendable {
        case anImport, theServer
    }

    /// An undo that would drop the campaign its batch created, while another writer (an import, or the server's
    /// click group) names that campaign: the undo waits for the writer (there is no foreign key on
    /// `touch.campaign_id` since schema 14; the campaign's locks keep it), then sees its touch and keeps the campaign.
    /// Neither fails, and no touch names a missing campaign or batch.
    @Test(arguments: CampaignNamer.allCases)
    func undoWaitsForAWriterNamingItsCampaign(_ namer: CampaignNamer) throws {
        @Sendable func click(_ key: String) -> Touch {
            Touch(
                key: key, at: Self.start, visitor: "v-\(key)", utm: UTM(source: "vk", medium: "cpc", campaign: "Весна"),
                channel: .paidSocial)
        }
        @Sendable func importClicks(
            _ store: PostgresStore, _ file: String, key: String, whileOpen: () -> Void = {}
        ) throws -> Int64? {
            try store.runImport(
                ImportBatch(
                    id: nil, kind: .clicks, fileName: file, fileHash: file, preset: nil, importedAt: Self.start,
                    counts: ImportCounts()), dryRun: false
            ) { writer in
                var counts = ImportCounts()
                counts.count(try writer.addClick(click(key)))
                whileOpen()
                return counts
            }.id
        }
        /// The server's one call, inside a transaction held open until `whileOpen` returns.
        @Sendable func clickGroup(_ store: PostgresStore, key: String, whileOpen: () -> Void) throws {
            try store.transaction { db in
                _ = try db.rows(
                    "SELECT leadtrail_click_group(?::json, ?, ?)",
                    [
                        .text(PostgresStore.clickGroupJSON([click(key)])), .integer(Self.start.microseconds),
                        .integer(PostgresStore.sharedClickLock),
                    ])
                whileOpen()
            }
        }
        try TestServer.withDatabase { location in
            let store = try PostgresStore.create(location).store
            let first = try #require(try importClicks(store, "spring.csv", key: "a"))
            let named = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let failures = Mutex<[String]>([])
            let group = DispatchGroup()
            DispatchQueue.global().async(group: group) {
                do {
                    let other = try PostgresStore.open(location)
                    let hold = {
                        named.signal()
                        release.wait()
                    }
                    switch namer {
                    case .anImport: _ = try importClicks(other, "more.csv", key: "b", whileOpen: hold)
                    case .theServer: try clickGroup(other, key: "b", whileOpen: hold)
                    }
                } catch {
                    failures.withLock { $0.append("\(namer): \(error)") }
                }
            }
            named.wait()
            DispatchQueue.global().async(group: group) {
                do {
                    _ = try PostgresStore.open(location).undoImport(first, force: false)
                } catch {
                    failures.withLock { $0.append("undo: \(error)") }
                }
            }
            // The undo reaches the campaign and waits for the import that holds it.
            var waiting: Int64 = 0
            for _ in 0..<200 where waiting == 0 {
                Thread.sleep(forTimeInterval: 0.05)
                waiting = try store.transaction(readOnly: true) { db in
                    try db.int(
                        """
                        SELECT count(*) FROM pg_stat_activity
                        WHERE datname = current_database() AND wait_event_type = 'Lock'
                        """) ?? 0
                }
            }
            #expect(waiting == 1)
            release.signal()
            group.wait()
            #expect(failures.withLock { $0 } == [])
            let (campaigns, touches, dangling) = try store.transaction(readOnly: true) { db in
                (
                    try db.int("SELECT count(*) FROM campaign WHERE name = 'Весна'"),
                    try db.int("SELECT count(*) FILTER (WHERE record_key = 'b') - count(*) FILTER (WHERE record_key <> 'b') FROM touch"),
                    try db.int(
                        """
                        SELECT count(*) FROM touch
                        WHERE campaign_id IS NULL
                           OR NOT EXISTS (SELECT 1 FROM campaign WHERE campaign.id = touch.campaign_id)
                           OR (batch_id IS NOT NULL
                               AND NOT EXISTS (SELECT 1 FROM import_batch WHERE import_batch.id = touch.batch_id))
                        """)
                )
            }
            #expect(campaigns == 1)
            // The writer's touch stands, the undone batch's is gone.
            #expect(touches == 1)
            #expect(dangling == 0)
        }
    }
}
#endif
