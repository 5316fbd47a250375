#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailPostgres
import LeadTrailStore
import Testing

/// `addTouches`, the server's group commit on PostgreSQL: the same answers and rows as `addTouch` on each click in
/// turn, in one transaction (all or none).
@Suite(.enabled(if: TestServer.enabled))
struct PostgresTouchBatchTests {
    static let start = Timestamp(microseconds: 1_790_000_000_000_000)

    static func click(_ n: Int, key: String? = nil) -> Touch {
        Touch(
            key: key ?? "link:\(n)", at: Timestamp(microseconds: start.microseconds + Int64(n) * 1_000_000),
            visitor: "visitor-\(n % 13)", url: "https://shop.example/?utm_campaign=c\(n % 3)",
            utm: UTM(source: "yandex", medium: "cpc", campaign: "Весна \(n % 3)"),
            clickID: n % 4 == 0 ? ClickID(parameter: "yclid", value: "y\(n % 8)") : nil, channel: .paidSearch)
    }

    /// What a store holds: every touch with its campaign, and the shared click ids.
    static func rows(_ store: PostgresStore) throws -> String {
        try store.transaction(readOnly: true) { db in
            let touches = try db.rows(
                """
                SELECT record_key || ' ' || visitor || ' ' || coalesce(click_id, '-') || ' ' || origin || ' '
                       || coalesce(batch_id::text, '-') || ' ' || coalesce((SELECT key FROM campaign WHERE id = campaign_id), '-')
                FROM touch ORDER BY record_key
                """
            ).map { try $0.text(at: 0) }
            let shared = try db.rows("SELECT click_id FROM shared_click_id ORDER BY click_id").map { try $0.text(at: 0) }
            return touches.joined(separator: "\n") + "\nshared: \(shared)"
        }
    }

    /// New clicks, a key stored before, a key twice in one batch, and more clicks than one INSERT carries.
    @Test func aBatchAnswersAndStoresWhatOneClickAfterAnotherDoes() throws {
        let before = (0..<5).map { Self.click($0) }
        let batch =
            (3..<620).map { Self.click($0) } + [Self.click(700, key: "link:600"), Self.click(701, key: "link:4")]
        func run(grouped: Bool) throws -> (answers: [Bool], rows: String) {
            try TestServer.withDatabase { location in
                let store = try PostgresStore.create(location).store
                for touch in before { try store.addTouch(touch) }
                let answers = grouped ? try store.addTouches(batch) : try batch.map { try store.addTouch($0) }
                return (answers, try Self.rows(store))
            }
        }
        let oneByOne = try run(grouped: false)
        let grouped = try run(grouped: true)
        #expect(grouped.answers == oneByOne.answers)
        #expect(grouped.rows == oneByOne.rows)
        #expect(grouped.answers.filter { $0 }.count == 615, "\(grouped.answers.filter { $0 }.count) new")
        #expect(grouped.answers.prefix(2) == [false, false])
        #expect(grouped.answers.suffix(2) == [false, false])
        #expect(grouped.rows.contains("shared: [\"y0\""))
    }

    /// A batch with one click the database refuses stores none of them.
    @Test func aBatchIsAllOrNothing() throws {
        try TestServer.withDatabase { location in
            let store = try PostgresStore.create(location).store
            var bad = Self.click(2)
            bad.visitor = String(repeating: "v", count: 10) + "\u{0}"  // PostgreSQL text cannot hold NUL
            #expect(throws: (any Error).self) { try store.addTouches([Self.click(1), bad, Self.click(3)]) }
            #expect(try Self.rows(store) == "\nshared: []")
            #expect(try store.addTouches([Self.click(1)]) == [true])
        }
    }
}
#endif
