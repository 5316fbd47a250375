#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailImport
@testable import LeadTrailPostgres
import LeadTrailStore
import Synchronization
import Testing

/// A webhook on PostgreSQL is `import forms` of one record: its batch row costs two round trips to open and one to
/// close, and a retried delivery still makes one lead.
@Suite(.enabled(if: TestServer.enabled))
struct PostgresWebhookRoundTripTests {
    static func submission(_ id: String) throws -> JSONObject {
        try FormDelivery.object(
            json: Array(
                """
                {"id":"\(id)","submitted_at":"2026-11-02T10:00:00Z","name":"Иван","phone":"8 (916) 123-45-67",
                 "email":"ivan@example.ru","utm_source":"yandex","utm_campaign":"Весна"}
                """.utf8))
    }

    @Test func aWebhookTakesSixteenStatementsAndARetryMakesNoSecondLead() throws {
        try TestServer.withDatabase { location in
            let store = try PostgresStore.create(location).store
            let options = ImportOptions(importTime: Timestamp(microseconds: 1_790_000_000_000_000))
            let sent = store.session.statementsSent.load(ordering: .relaxed)
            let first = try FormDelivery.deliver(
                try Self.submission("t-1"), preset: .generic, source: "site", options: options, store: store)
            let statements = store.session.statementsSent.load(ordering: .relaxed) - sent
            // BEGIN, numbering lock, batch row, judging lock, settings, stored requests, lead numbering lock, lead,
            // submission, lead's visitor, campaign lookup and insert (a new one), touch, deals, counts, COMMIT: 19
            // before the batch row was folded.
            #expect(statements <= 16, "\(statements) statements for one webhook")
            #expect(first == .written(.imported))
            let again = try FormDelivery.deliver(
                try Self.submission("t-1"), preset: .generic, source: "site", options: options, store: store)
            #expect(again == .alreadyKept)
            let (leads, batches) = try store.transaction(readOnly: true) { db in
                (try db.int("SELECT count(*) FROM lead"), try db.int("SELECT count(*) FROM import_batch"))
            }
            #expect(leads == 1)
            #expect(batches == 1)
            #expect(try store.importBatches().first?.counts.imported == 1)
        }
    }
}
#endif
