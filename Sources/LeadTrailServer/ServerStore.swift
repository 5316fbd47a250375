#if Server
import Foundation
import LeadTrailCore
import LeadTrailImport
import LeadTrailReports
import LeadTrailStore
import Logging
import Synchronization

/// The store `leadtrail serve` reads and writes through.
///
/// Reads (reports, leads, tokens, sources) run in turn on this actor; every write goes through ``writer``, which
/// group-commits clicks on a thread of its own and answers each only after its commit.
///
/// Links are cached and reloaded when a request names one the cache lacks, so a `link add` from the CLI is seen
/// without a restart; a link once seen is answered from memory with no hop through this actor (the redirect's hot
/// path). Tokens and webhook sources are read on every request (their tables hold a few rows), so `token remove`,
/// `hook rotate` and `hook remove` take effect at once.
actor ServerStore {
    private let connection: StoreConnection
    let settings: Settings
    /// The one writer of the server.
    nonisolated let writer: GroupWriter
    private nonisolated let linkCache = Mutex<[String: TrackedLink]>([:])

    /// The webhook deliveries kept when the database is held.
    nonisolated let inbox: Inbox

    /// Opens two connections with `open`: one for the reads here, one for ``writer``; deliveries answered before
    /// their write wait in `inbox`.
    init(open: @escaping @Sendable () throws -> any LeadTrailDatabase, inbox folder: InboxFolder, logger: Logger) throws {
        connection = try StoreConnection(open: open)
        settings = try connection.use { try $0.settings() }
        writer = GroupWriter(connection: try StoreConnection(open: open), logger: logger)
        inbox = Inbox(folder: folder, writer: writer, logger: logger, timeZone: settings.timeZone)
    }

    /// The link of a slug: from memory when seen before, else from the database.
    nonisolated func link(slug: String) async throws -> TrackedLink? {
        if let link = linkCache.withLock({ $0[slug] }) { return link }
        guard let link = try await storedLink(slug: slug) else { return nil }
        linkCache.withLock { $0[slug] = link }
        return link
    }

    private func storedLink(slug: String) throws -> TrackedLink? { try connection.use { try $0.link(slug: slug) } }

    /// Stores a click; returns after its transaction committed, or after `limit` with the click still queued.
    nonisolated func addTouch(_ touch: Touch, answeringWithin limit: Duration) async throws -> GroupWriter.ClickWrite {
        try await writer.addTouch(touch, answeringWithin: limit)
    }

    /// Throws the store's error when the database does not answer a cheap query (`/healthz`); a connection the
    /// server ended is opened again here, as by any request.
    func check() throws {
        do { _ = try connection.use { try $0.settings() } } catch StoreError.unreachable {
            // The connection was ended under us (a restart, `pg_terminate_backend`): asked again, on a new one.
            _ = try connection.use { try $0.settings() }
        }
    }

    /// The webhook source named `name`, or nil. Read on every delivery, never cached: a secret replaced with
    /// `hook rotate` or a source removed with `hook remove` is refused from the next request.
    func webhookSource(name: String) throws -> WebhookSource? {
        try connection.use { try $0.webhookSources() }.first { $0.name == name }
    }

    /// The token whose SHA-256 is `hash`, or nil. Read on every request, never cached: a token removed with
    /// `token remove` stops working at once, without a restart (the table holds a few rows).
    func token(sha256 hash: String) throws -> APIToken? {
        try connection.use { try $0.tokens() }.first { $0.sha256 == hash }
    }

    /// A form submission checked through `import forms`' rules (its preset, `FormRecord`), ready for the writer:
    /// nil when it is not a lead. Throws the record's `RecordError` when it is invalid, before any wait.
    ///
    /// A generic record (the `json` webhook, `POST /api/leads`) without `submitted_at` was sent when it was received,
    /// as a Tilda submission is: the receive time, which (being the import's time) is not part of its content, so a
    /// retried delivery is still the same submission.
    nonisolated func submission(_ object: JSONObject, preset: FormPreset, source: String, findsLead: Bool = false)
        throws(RecordError) -> QueuedDelivery?
    {
        let received = Timestamp.now()
        let options = ImportOptions(timeZone: settings.timeZone, importTime: received)
        var timed = object
        if preset == .generic, object["submitted_at"] == nil || object["submitted_at"] == .null {
            timed.set("submitted_at", .string(received.rfc3339))
        }
        guard let record = try FormDelivery.checked(timed, preset: preset, options: options) else { return nil }
        return QueuedDelivery(
            source: source, receivedAt: received, content: .form(record: record, preset: preset), findsLead: findsLead)
    }

    /// Writes a delivery in its own transaction on the writer, exactly as `import forms` writes it; answered after
    /// the commit, or as kept in the inbox when the commit does not come within `limit`.
    nonisolated func deliver(_ delivery: QueuedDelivery, answeringWithin limit: Duration) async throws -> Inbox.Answer {
        try await inbox.deliver(delivery, answeringWithin: limit)
    }

    /// A report as the CLI's `--format json` prints it.
    func report(_ kind: ReportKind, options: ReportOptions) throws -> String {
        try connection.use { store in try kind.rendered(options: options, as: .json, store: store) }
    }

    /// `lead list --format json` for the request, and whether more leads matched than it shows.
    func leads(_ request: LeadListRequest) throws -> (json: String, more: Bool) {
        let zone = settings.timeZone
        let found = try connection.use { store in
            try request.run(
                timeZone: zone,
                fetch: { query, limit in try store.leads(matching: LeadFilter(query: query, limit: limit)) },
                load: store.reportData)
        }
        return (Listing.leads(found.leads, sources: found.sources, timeZone: zone, format: .json).rendered(as: .json), found.more)
    }
}

#endif
