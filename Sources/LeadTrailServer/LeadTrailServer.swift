#if Server
import Foundation
import Hummingbird
import NIOCore
import LeadTrailCore
import LeadTrailStore
public import Logging

/// `leadtrail serve`: tracked links, the page snippet, form webhooks and the report API over one store.
public enum LeadTrailServer {
    /// Runs until SIGTERM or SIGINT, then finishes the requests in flight and returns.
    ///
    /// The first line logged names the address and port actually bound and the database without its password
    /// (`listening on 127.0.0.1:PORT, database leadtrail.sqlite` or `…, database 127.0.0.1:5432/leadtrail`).
    public static func run(_ configuration: ServerConfiguration, logger given: Logger) async throws {
        // One line per request, written to stderr by a thread of its own: a request never waits for the log.
        let lines = LogLineWriter()
        defer { lines.flush() }
        let logger = Logger(label: given.label) { label in
            BufferedLogHandler(label: label, writer: lines, logLevel: given.logLevel)
        }
        let folder = try InboxFolder(URL(fileURLWithPath: configuration.inboxPath))
        let store = try ServerStore(open: configuration.openStore, inbox: folder, logger: logger)
        // What an earlier run left in the inbox is written first: it arrived before anything this run receives.
        store.inbox.start()
        let router = Router()
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.add(middleware: BodyLimitMiddleware(maxBodyBytes: configuration.maxBodyBytes))
        let handlers = Handlers(store: store, configuration: configuration, logger: logger)
        handlers.register(on: router)
        try Dashboard(store: store, configuration: configuration).register(on: router)
        let app = Application(
            router: router,
            // A client that stops sending mid-request (or idles between requests) is disconnected after the read
            // timeout: it holds no handler, and SIGTERM never waits for it longer than that.
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(configuration.readTimeout.nanoseconds))),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                logger.info("listening on \(configuration.host):\(port), database \(configuration.databaseName)")
            },
            logger: serverLogger(given))
        // SIGTERM and SIGINT (the default) stop it after the requests in flight.
        try await app.runService()
        // Every request in flight has been answered; the clicks answered before their write (the database was held
        // by another writer) are written before the server exits, however long that takes (they are only in
        // memory); the deliveries in the inbox for at most `inboxShutdownWait` (they are on the disk).
        store.writer.announceFinish()
        let left = await store.inbox.finish(within: configuration.inboxShutdownWait)
        if left > 0 {
            logger.warning(
                "\(Inbox.waitingText(left)) \(folder.url.path): the database is still held; they are written at the next start"
            )
        }
        let written = store.writer.counts
        logger.info(
            "stopped: \(written.touches) clicks written in \(written.transactions) transactions; \(Inbox.waitingText(left))")
    }

    /// Makes the inbox folder at `path` if it is missing and checks that the server may write in it: `serve`
    /// refuses to start otherwise, in one line, before anything listens.
    public static func prepareInbox(at path: String) throws {
        _ = try InboxFolder(URL(fileURLWithPath: path))
    }

    /// Hummingbird's own logger: warnings only, so its lines never repeat ours.
    private static func serverLogger(_ logger: Logger) -> Logger {
        var quiet = logger
        quiet.logLevel = .warning
        return quiet
    }
}
#endif
