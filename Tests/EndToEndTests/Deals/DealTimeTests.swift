import Foundation
import Testing

/// Times in a deal's rules read as the user wrote them (session 25): a date-only `closed_at` on the day the deal was
/// created is a same-day sale, and refusals quote times in the configured zone, never in UTC.
struct DealTimeTests {
    static func start(_ ws: Workspace) throws {
        try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
        let forms = try ws.write(
            "forms.json", text: #"[{"id":"f1","submitted_at":"2026-10-04 09:00","phone":"8 916 000 11 24"}]"#)
        try ws.succeed(["import", "forms", forms])
    }

    static func deal(closedAt: String) -> String {
        #"[{"id":"d1","lead":{"phone":"+79160001124"},"amount":"1000","currency":"RUB","created_at":"2026-10-04 10:00","status":"won","closed_at":"\#(closedAt)"}]"#
    }

    @Test(arguments: StoreKind.allCases) func aDateOnlyCloseOnTheCreationDayIsASameDaySale(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try Self.start(ws)
            try ws.succeed(["import", "deals", try ws.write("deals.json", text: Self.deal(closedAt: "2026-10-04"))])
            let deal = try #require(try ws.listing(["deal", "list"]).first)
            #expect(deal["status"] as? String == "won")
            #expect(deal["closed_at"] as? String == "2026-10-04T07:00:00Z", "\(deal)")
            #expect(try ws.object(["lead", "show", "1"])["stage"] as? String == "won")
        }
    }

    @Test(arguments: StoreKind.allCases) func refusedTimesAreQuotedAsWrittenInTheConfiguredZone(store: StoreKind) throws
    {
        try Workspace.with(store: store) { ws in
            try Self.start(ws)
            let early = try ws.write("early.json", text: Self.deal(closedAt: "2026-10-03"))
            let refused = try ws.refuse(
                ["import", "deals", early], mentioning: "closed at '2026-10-03'", "created_at '2026-10-04 10:00'",
                "Europe/Moscow")
            #expect(!refused.stderr.contains("Z"), "\(refused)")

            try ws.succeed(["deal", "add", "1", "1000", "--at", "2026-10-04T10:00"])
            let won = try ws.refuse(
                ["deal", "won", "1", "--at", "2026-10-04T09:30"], mentioning: "closed at 2026-10-04 09:30",
                "2026-10-04 10:00", "Europe/Moscow")
            #expect(!won.stderr.contains("06:30"), "\(won)")
            let stage = try ws.refuse(
                ["lead", "stage", "1", "contacted", "--at", "2026-10-04T08:00"],
                mentioning: "a stage change at 2026-10-04 08:00", "(2026-10-04 09:00, Europe/Moscow time)")
            #expect(!stage.stderr.contains("05:00"), "\(stage)")
        }
    }
}
