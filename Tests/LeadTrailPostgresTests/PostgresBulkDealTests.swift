#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailPostgres
import LeadTrailStore
import Testing

/// An import of deals on PostgreSQL resolves a thousand deals' leads in a few queries and copies the new deals and
/// refunds: the deals, refunds and batches it leaves are those of `putDeal` on each deal in turn (the definition), and
/// those SQLite leaves. Seeded; `LEADTRAIL_PROPERTY_CASES` sets how many cases.
@Suite(.enabled(if: TestServer.enabled))
struct PostgresBulkDealTests {
    static let cases = Int(ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"] ?? "") ?? 6

    /// A deal naming one of the people of ``PostgresParityTests/request(_:number:people:)`` by email, phone, lead id
    /// or external id (some of whom never sent a request), at a time in their ninety days.
    static func deal(_ random: inout SplitMix64, id: String, hash: String) throws -> ImportedDeal {
        let person = random.below(8)
        let lead: LeadReference =
            switch random.below(6) {
            case 0, 1: .email(try Email(parsing: "person\(person)@example.ru"))
            case 2, 3: .phone(try Phone(parsing: "8 (916) 000-00-\(10 + person)"))
            case 4: .id(Int64(1 + random.below(12)))
            default: .externalID("crm-person-\(person)")
            }
        let rub = try Currency(code: "RUB")
        let created = Timestamp(
            microseconds: PostgresParityTests.start.microseconds + Int64(random.below(90 * 24)) * 3_600_000_000)
        let won = random.chance(50)
        let amount = Money(minorUnits: Int64(1 + random.below(500)) * 10_000, currency: rub)
        return ImportedDeal(
            id: id, lead: lead, amount: amount, status: won ? .won : .open, createdAt: created,
            closedAt: won ? created : nil,
            refund: won && random.chance(30) ? Refund(amount: Money(minorUnits: 10_000, currency: rub), at: created) : nil,
            contentHash: hash)
    }

    /// Requests first (some with an external id), then files of deals (some again, the same or changed), each
    /// handed to `putDeals` in parts of `perCall` (nil: `putDeal` on each). Returns what a user sees.
    static func run(
        requests: [NewLead], files: [[ImportedDeal]], perCall: Int?, into store: any LeadTrailDatabase
    ) throws -> String {
        var log: [String] = []
        for request in requests { log.append("\(try store.addLead(request))") }
        for (index, deals) in files.enumerated() {
            let batch = try store.runImport(
                ImportBatch(
                    id: nil, kind: .deals, fileName: "deals-\(index).csv", fileHash: "d\(index)", preset: nil,
                    importedAt: PostgresParityTests.start, counts: ImportCounts()), dryRun: false
            ) { writer in
                var counts = ImportCounts()
                var start = 0
                while start < deals.count {
                    let part = Array(deals[start..<min(start + (perCall ?? deals.count), deals.count)])
                    let outcomes = try perCall == nil ? part.map { try writer.putDeal($0) } : writer.putDeals(part)
                    for outcome in outcomes { counts.count(outcome) }
                    counts.read += part.count
                    start += part.count
                }
                return counts
            }
            log.append("deals-\(index) \(batch.counts) changed nothing \(batch.changedNothing)")
        }
        log.append(try PostgresParityTests.describe(store))
        return log.joined(separator: "\n")
    }

    @Test func dealsInBulkLeaveWhatPutDealLeaves() throws {
        for index in 0..<Self.cases {
            let seed = 0xDEA1_0000 + UInt64(index)
            var random = SplitMix64(seed: seed)
            var requests = try (0..<(4 + random.below(10))).map {
                try PostgresParityTests.request(&random, number: $0, people: 8)
            }
            for position in requests.indices where random.chance(30) {
                requests[position].externalID = "crm-person-\(random.below(8))"
            }
            var files: [[ImportedDeal]] = []
            var number = 0
            for _ in 0..<(1 + random.below(3)) {
                var deals: [ImportedDeal] = []
                for _ in 0..<(2 + random.below(20)) {
                    if let earlier = files.randomElement(using: &random)?.randomElement(using: &random),
                        random.chance(25), !deals.contains(where: { $0.id == earlier.id })
                    {
                        // A deal of an earlier file again: unchanged, or changed under its id.
                        deals.append(
                            random.chance(50)
                                ? earlier : try Self.deal(&random, id: earlier.id, hash: earlier.contentHash + "+"))
                    } else {
                        number += 1
                        deals.append(try Self.deal(&random, id: "deal-\(number)", hash: "h\(number)"))
                    }
                }
                files.append(deals)
            }
            let perCall = 2 + random.below(8)
            let (sqlite, bulk) = try PostgresParityTests.both { store in
                try Self.run(requests: requests, files: files, perCall: perCall, into: store)
            }
            let oneByOne = try TestServer.withDatabase { location in
                try Self.run(requests: requests, files: files, perCall: nil, into: PostgresStore.create(location).store)
            }
            #expect(bulk == oneByOne, "seed \(seed), \(perCall) a call")
            #expect(bulk == sqlite, "seed \(seed), \(perCall) a call")
            // The case holds what resolving in bulk is for: deals that found their lead.
            #expect(
                bulk.split(separator: "\n").contains { $0.hasPrefix("deal ") && !$0.contains(" lead - ") },
                "seed \(seed)")
        }
    }
}
#endif
