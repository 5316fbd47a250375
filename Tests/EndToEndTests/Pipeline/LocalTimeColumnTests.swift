import Foundation
import Testing

/// Issue 14: "CSV and table times carry their zone (or say it in the header); JSON stays RFC 3339 UTC". A rep in
/// Moscow reading `12:48` must know it is Moscow's 12:48, whatever the listing.
@Suite("Listings name the zone of their times")
struct LocalTimeColumnTests {
    @Test(arguments: StoreKind.allCases) func leadDealAndImportListingsSayTheirZoneWhileJSONStaysUTC(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            try ws.succeed(["config", "set", "timezone", "Europe/Moscow"])
            try ws.succeed(["lead", "add", "--name", "Анна", "--phone", "8 (916) 123-45-67", "--at", "2026-10-01T09:30:00Z"])
            try ws.succeed(["deal", "add", "1", "12500.00", "RUB", "--at", "2026-10-01T10:00:00Z"])
            try #"[{"id": "d-1", "lead": {"id": 1}, "amount": "100.00", "currency": "RUB", "created_at": "2026-10-02T08:00:00Z"}]"#
                .write(to: ws.path("deals.json"), atomically: true, encoding: .utf8)
            try ws.succeed(["import", "deals", "deals.json"])

            for (command, column, local) in [
                (["lead", "list"], "created_at", "2026-10-01 12:30"), (["deal", "list"], "created_at", "2026-10-01 13:00"),
                (["imports", "list"], "imported_at", nil),
            ] {
                let csv = try ws.succeed(command + ["--format", "csv"]).stdoutLines
                let header = csv[0].split(separator: ",").map(String.init)
                #expect(header.contains("\(column) (Europe/Moscow)"), "\(command): \(header)")
                #expect(!header.contains(column), "\(command): a bare \(column) column: \(header)")
                if let local { #expect(csv[1].contains(local), "\(command): \(csv)") }
                let table = try ws.succeed(command).stdoutLines
                #expect(table[0].contains("\(column) (Europe/Moscow)"), "\(command): \(table[0])")
                let json = try jsonArray(try ws.succeed(command + ["--format", "json"]).stdout)
                let first = try #require(json.first)
                #expect(first[column] != nil, "\(command): JSON keeps the plain name: \(first.keys)")
                #expect((first[column] as? String)?.hasSuffix("Z") == true, "\(command): JSON time in UTC: \(first)")
            }
            let show = try ws.succeed(["lead", "show", "1"]).stdout
            #expect(show.hasPrefix("Lead 1 · Анна (times in Europe/Moscow)\n"), "\(show)")
            #expect(show.contains("2026-10-01 12:30"), "\(show)")
        }
    }
}
