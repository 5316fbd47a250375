#if Postgres
import Foundation
import LeadTrailCore
@testable import LeadTrailPostgres
import LeadTrailStore
import Synchronization
import Testing

/// The server's group of clicks in one statement on PostgreSQL (one round trip): the same answers and rows as the
/// transaction way, and the transaction way still taken when another writer holds the shared-click lock.
@Suite(.enabled(if: TestServer.enabled))
struct PostgresClickGroupTests {
    static let start = PostgresTouchBatchTests.start

    static func click(
        _ key: String, visitor: String, campaign: String?, clickID: String? = nil, url: String? = nil, at n: Int64
    ) -> Touch {
        Touch(
            key: key, at: Timestamp(microseconds: start.microseconds + n * 1_000_000), visitor: visitor, url: url,
            utm: UTM(source: "yandex", medium: "cpc", campaign: campaign),
            clickID: clickID.map { ClickID(parameter: "yclid", value: $0) }, referrer: "https://ya.ru/search?q=\"x\"",
            channel: campaign == nil ? .direct : .paidSearch)
    }

    /// Stored before the group: a campaign and a click id of visitor `a`.
    static let before = [click("old:1", visitor: "a", campaign: "Весна", clickID: "Y-old", at: 0)]

    /// A campaign stored and one new (named twice, the first name kept), a click id shared with a stored click and
    /// one shared inside the group, a key stored already, a key twice, text that JSON must escape.
    static let group = [
        click("g:1", visitor: "b", campaign: "Весна", clickID: "Y-old", at: 1),
        click("g:2", visitor: "c", campaign: " Лето  2026 ", clickID: "Y-new", url: "https://shop.example/\\path\"q\n\t\u{1}", at: 2),
        click("g:3", visitor: "d", campaign: "ЛЕТО  2026", clickID: "Y-new", at: 3),
        click("old:1", visitor: "e", campaign: nil, at: 4),
        click("g:4", visitor: "f", campaign: nil, clickID: "Y-alone", at: 5),
        click("g:4", visitor: "g", campaign: "Осень", at: 6),
    ]

    /// What a store holds, campaigns included (name and platform as created).
    static func rows(_ store: PostgresStore) throws -> String {
        let touches = try PostgresTouchBatchTests.rows(store)
        let campaigns = try store.transaction(readOnly: true) { db in
            try db.rows("SELECT key || ' ' || name || ' ' || platform || ' ' || auto_created FROM campaign ORDER BY key")
                .map { try $0.text(at: 0) }
        }
        let urls = try store.transaction(readOnly: true) { db in
            try db.rows("SELECT coalesce(url, '-') || ' ' || referrer FROM touch ORDER BY record_key")
                .map { try $0.text(at: 0) }
        }
        return touches + "\ncampaigns: \(campaigns)\nurls: \(urls)"
    }

    @Test func aGroupOfClicksIsOneStatementWithTheRowsAndAnswersOfOneClickAfterAnother() throws {
        func run(grouped: Bool) throws -> (answers: [Bool], rows: String, statements: Int) {
            try TestServer.withDatabase { location in
                let store = try PostgresStore.create(location).store
                for touch in Self.before { try store.addTouch(touch) }
                let sent = store.session.statementsSent.load(ordering: .relaxed)
                let answers = grouped ? try store.addTouches(Self.group) : try Self.group.map { try store.addTouch($0) }
                let statements = store.session.statementsSent.load(ordering: .relaxed) - sent
                return (answers, try Self.rows(store), statements)
            }
        }
        let oneByOne = try run(grouped: false)
        let grouped = try run(grouped: true)
        #expect(grouped.statements == 1, "\(grouped.statements) statements for a group of \(Self.group.count) clicks")
        #expect(grouped.answers == [true, true, true, false, true, false])
        #expect(grouped.answers == oneByOne.answers)
        #expect(grouped.rows == oneByOne.rows)
        #expect(grouped.rows.contains("shared: [\"Y-new\", \"Y-old\"]"), "\(grouped.rows)")
        #expect(grouped.rows.contains("лето  2026 Лето  2026 yandex 1"), "\(grouped.rows)")
        // The URL as the rows' array prints it (escaped): backslash, quote, newline, tab and U+0001 came back as sent.
        #expect(grouped.rows.contains(#""https://shop.example/\\path\"q\n\t\u{01} "#), "\(grouped.rows)")
    }

    /// Another writer holds the shared-click lock with a click of the same click id not yet committed: the group
    /// waits for it (the transaction way) and then notes the click id both share, which one statement that did not
    /// wait would miss.
    @Test func aGroupWaitsForAWriterHoldingTheSharedClickLock() throws {
        try TestServer.withDatabase { location in
            let store = try PostgresStore.create(location).store
            let started = DispatchSemaphore(value: 0)
            let group = DispatchGroup()
            DispatchQueue.global().async(group: group) {
                do {
                    let other = try PostgresStore.open(location)
                    try other.transaction { transaction in
                        try transaction.lock(PostgresStore.sharedClickLock)
                        try transaction.execute(
                            """
                            INSERT INTO touch (record_key, at, visitor, click_id_type, click_id, channel, origin)
                            VALUES ('other:1', 1, 'other-visitor', 'yclid', 'Y-both', 'direct', 'click')
                            """)
                        started.signal()
                        Thread.sleep(forTimeInterval: 0.5)
                    }
                } catch {
                    started.signal()
                    Issue.record("the other writer failed: \(error)")
                }
            }
            started.wait()
            let began = Date()
            let answers = try store.addTouches([Self.click("g:1", visitor: "mine", campaign: nil, clickID: "Y-both", at: 1)])
            let waited = Date().timeIntervalSince(began)
            group.wait()
            #expect(waited > 0.3, "the group did not wait for the lock (\(waited) s)")
            #expect(answers == [true])
            let shared = try store.transaction(readOnly: true) { db in
                try db.rows("SELECT click_id FROM shared_click_id").map { try $0.text(at: 0) }
            }
            #expect(shared == ["Y-both"])
        }
    }

    /// Another writer has added, not yet committed, a click of the group's key and a click of the group's click id,
    /// and takes the shared-click lock only after that, as every writer does at its end. The group waits for its key
    /// without holding the lock (holding it, as schema 10's one statement did, deadlocked with that writer), takes
    /// the lock after the writer committed and then sees its click: the click id both share is noted, in one call.
    @Test func aGroupMeetingAnUncommittedWriterDeadlocksNobodyAndNotesTheSharedClickID() throws {
        try TestServer.withDatabase { location in
            let store = try PostgresStore.create(location).store
            let inserted = DispatchSemaphore(value: 0)
            let group = DispatchGroup()
            let otherFailed = Mutex<String?>(nil)
            DispatchQueue.global().async(group: group) {
                do {
                    let other = try PostgresStore.open(location)
                    try other.transaction { transaction in
                        try transaction.execute(
                            """
                            INSERT INTO touch (record_key, at, visitor, click_id_type, click_id, channel, origin)
                            VALUES ('both:1', 1, 'other-visitor', 'yclid', 'Y-both', 'direct', 'click')
                            """)
                        inserted.signal()
                        Thread.sleep(forTimeInterval: 0.5)
                        try transaction.lock(PostgresStore.sharedClickLock)
                        Thread.sleep(forTimeInterval: 0.2)
                    }
                } catch {
                    inserted.signal()
                    otherFailed.withLock { $0 = "\(error)" }
                }
            }
            inserted.wait()
            let sent = store.session.statementsSent.load(ordering: .relaxed)
            let answers = try store.addTouches([
                Self.click("both:1", visitor: "mine-too", campaign: nil, at: 1),
                Self.click("g:1", visitor: "mine", campaign: nil, clickID: "Y-both", at: 2),
            ])
            let statements = store.session.statementsSent.load(ordering: .relaxed) - sent
            group.wait()
            #expect(otherFailed.withLock { $0 } == nil, "the other writer failed: \(otherFailed.withLock { $0 } ?? "")")
            #expect(statements == 1, "\(statements) statements: the group did not stay one call")
            #expect(answers == [false, true])
            let shared = try store.transaction(readOnly: true) { db in
                try db.rows("SELECT click_id FROM shared_click_id").map { try $0.text(at: 0) }
            }
            #expect(shared == ["Y-both"])
        }
    }
}
#endif
