import Foundation
import Testing

/// Schema 5 end to end: the click ids two visitors share are found whichever file brings the second visitor, and
/// undoing that file leaves the database exactly as it was, `shared_click_id` included.
@Suite("Shared click ids through imports and undo")
struct SharedClickIDImportTests {
    static let first = #"{"id": "c-1", "at": "2026-10-20T10:00:00Z", "visitor": "v-phone", "url": "https://laska-studio.ru/?utm_source=yandex&utm_medium=cpc&utm_campaign=autumn&yclid=777"}"#
    static let second = #"{"id": "c-2", "at": "2026-10-21T10:00:00Z", "visitor": "v-laptop", "url": "https://laska-studio.ru/?yclid=777"}"#

    @Test func aSecondFileSharingAClickIDIsNotedAndItsUndoForgetsIt() throws {
        try Workspace.with { ws in
            let database = ws.path("leadtrail.sqlite")
            try ws.succeed(["init"])
            let first = try ws.write("first.ndjson", lines: [Self.first])
            let second = try ws.write("second.ndjson", lines: [Self.second])
            try ws.succeed(["import", "clicks", first])
            let before = try DatabaseDump.of(database, excluding: ["import_batch"])
            #expect(before.contains("-- table shared_click_id (click_id): 0 rows"), "one visitor: not shared")

            try ws.succeed(["import", "clicks", second])
            let shared = try DatabaseDump.of(database, excluding: ["import_batch"])
            #expect(shared.contains("-- table shared_click_id (click_id): 1 rows\n\"777\""), "two visitors share 777")

            try ws.succeed(["imports", "undo", "2"])
            let after = try DatabaseDump.of(database, excluding: ["import_batch"])
            #expect(after == before, "undo leaves the database as it was:\n\(reportFirstDifference(before, after))")
        }
    }

    @Test func bothOrdersGiveTheSameTable() throws {
        var dumps: [String] = []
        for files in [[Self.first, Self.second], [Self.second, Self.first]] {
            try Workspace.with { ws in
                try ws.succeed(["init"])
                for (index, line) in files.enumerated() {
                    let file = try ws.write("clicks-\(index).ndjson", lines: [line])
                    try ws.succeed(["import", "clicks", file])
                }
                let dump = try DatabaseDump.of(ws.path("leadtrail.sqlite"))
                let start = try #require(dump.range(of: "-- table shared_click_id"))
                dumps.append(String(dump[start.lowerBound...].prefix(60)))
            }
        }
        #expect(dumps.count == 2 && dumps[0] == dumps[1], "\(dumps)")
        #expect(dumps.first?.contains("1 rows\n\"777\"") == true, "\(dumps)")
    }
}
