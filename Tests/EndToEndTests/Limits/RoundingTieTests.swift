import Foundation
import Testing

/// Equal remainders in apportionment go to the key that comes first by code point, in every column alike — never
/// to floating-point noise (SPEC "Money").
struct RoundingTieTests {
    /// Two linear sales of three touches each: 1 000 000.00 RUB over `b`, `y1`, `y2` and 145 600.00 RUB over `a`,
    /// `z1`, `z2`. Every row's value is 33 333 333.3333… or 4 853 333.3333… kopecks — the same remainder, 0.3333 —
    /// and every row's conversions 333 333.333… millionths. Two units are missing in each column, and both columns
    /// give them to `a` and `b`, the first keys. In `Double` the two fractions differ in their last bits, which
    /// handed the money units to `a` and `z1` instead, while the counts went to `a` and `b`.
    @Test func equalRemaindersGoToTheFirstKeysInEveryColumn() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            func click(_ id: String, _ visitor: String, _ at: String, _ campaign: String) -> String {
                #"{"id": "\#(id)", "visitor": "\#(visitor)", "at": "\#(at)", "#
                    + #""url": "https://shop.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=\#(campaign)"}"#
            }
            try ws.write(
                "clicks.ndjson",
                lines: [
                    click("c1", "v-big", "2026-10-01T10:00:00Z", "y1"),
                    click("c2", "v-big", "2026-10-01T10:40:00Z", "y2"),
                    click("c3", "v-big", "2026-10-01T11:20:00Z", "b"),
                    click("c4", "v-small", "2026-10-01T10:00:00Z", "z1"),
                    click("c5", "v-small", "2026-10-01T10:40:00Z", "z2"),
                    click("c6", "v-small", "2026-10-01T11:20:00Z", "a"),
                ])
            // Each form repeats its visitor's last click within 30 minutes, so it adds no touch of its own.
            try ws.write(
                "forms.json",
                text: """
                    [{"id": "f1", "submitted_at": "2026-10-01T11:30:00Z", "email": "big@example.com", "visitor": "v-big",
                      "page_url": "https://shop.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=b"},
                     {"id": "f2", "submitted_at": "2026-10-01T11:30:00Z", "email": "small@example.com",
                      "visitor": "v-small", "page_url": "https://shop.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=a"}]
                    """)
            try ws.write(
                "deals.json",
                text: """
                    [{"id": "d1", "lead": {"email": "big@example.com"}, "amount": "1000000.00", "currency": "RUB",
                      "created_at": "2026-10-02T10:00:00Z", "status": "won", "closed_at": "2026-10-03T10:00:00Z"},
                     {"id": "d2", "lead": {"email": "small@example.com"}, "amount": "145600.00", "currency": "RUB",
                      "created_at": "2026-10-02T10:00:00Z", "status": "won", "closed_at": "2026-10-03T10:00:00Z"}]
                    """)
            try ws.succeed(["import", "clicks", "clicks.ndjson"])
            try ws.succeed(["import", "forms", "forms.json"])
            try ws.succeed(["import", "deals", "deals.json"])
            let result = try ws.succeed([
                "report", "attribution", "--model", "linear", "--from", "2026-10-01", "--to", "2026-10-31",
                "--format", "csv",
            ])
            #expect(
                result.stdoutLines == [
                    "campaign,conversions,value",
                    "b,0.333334,333333.34",
                    "y1,0.333333,333333.33",
                    "y2,0.333333,333333.33",
                    "a,0.333334,48533.34",
                    "z1,0.333333,48533.33",
                    "z2,0.333333,48533.33",
                    "(unattributed),0,0.00",
                    "(total),2,1145600.00",
                ], "\(result)")
        }
    }
}
