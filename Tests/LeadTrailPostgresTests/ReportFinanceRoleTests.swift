#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailPostgres
import LeadTrailStore
import Testing

/// Finance's role: only `CONNECT`, `USAGE` on the schema and `SELECT` on the tables, the grants docs/postgres.md
/// gives. Every report runs as it and prints what the owner's role prints; a write is refused (issue 12).
///
/// Also with `CONNECTION LIMIT 1`: a report then gets no second connection for its snapshot (`ReportSide`) and reads
/// everything on its own, with the same output.
@Suite(.enabled(if: TestServer.enabled), .serialized)
struct ReportFinanceRoleTests {
    @Test(arguments: [nil, 1] as [Int?])
    func aSelectOnlyRoleRunsEveryReport(connectionLimit: Int?) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgread-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("demo.sqlite").path
        do {
            let (sqlite, _) = try SQLiteStore.create(path: path)
            try sqlite.set(.timezone, to: "Europe/Moscow")
            try sqlite.set(.currency, to: "RUB")
            try ReportMatrix.fill(sqlite, from: ReportMatrix.root.appendingPathComponent("samples"))
        }
        let (from, to) = (try CalendarDate(parsing: "2026-10-01"), try CalendarDate(parsing: "2026-11-30"))
        try TestServer.withDatabase { location in
            let (owner, _) = try PostgresStore.create(location)
            _ = try owner.copy(fromSQLite: path) { _ in }
            let expected = try ReportMatrix.outputs(of: owner, from: from, to: to, abtestCampaign: "vk_autumn_sale")

            let role = "pgread_fin_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8).lowercased()
            let secret = UUID().uuidString.replacingOccurrences(of: "-", with: "")
            for statement in [
                "CREATE ROLE \(role) LOGIN PASSWORD '\(secret)'"
                    + (connectionLimit.map { " CONNECTION LIMIT \($0)" } ?? ""),
                "GRANT CONNECT ON DATABASE \(location.database) TO \(role)",
                "GRANT USAGE ON SCHEMA public TO \(role)",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role)",
            ] {
                try TestServer.execute(statement, on: location)
            }
            defer {
                try? TestServer.execute("DROP OWNED BY \(role)", on: location)
                try? TestServer.execute("DROP ROLE IF EXISTS \(role)", on: location)
            }
            var finance = location
            finance.user = role
            finance.password = secret
            do {
                let store = try PostgresStore.open(finance)
                let outputs = try ReportMatrix.outputs(of: store, from: from, to: to, abtestCampaign: "vk_autumn_sale")
                let differences = ReportParityTests.differences(expected, outputs)
                #expect(differences.isEmpty, "\(differences.prefix(5).joined(separator: "\n"))")
                #expect(outputs.count == expected.count)
                // The role cannot write: the grants are what keep finance's reports from changing anything.
                #expect(throws: (any Error).self) { try store.set(.currency, to: "USD") }
                #expect(try store.settings().currency.code == "RUB")
            }
        }
    }
}
#endif
