#if Server
import ArgumentParser
import Dispatch
import Foundation
import LeadTrailServer
import LeadTrailStore
import Logging
import Synchronization

/// `leadtrail serve`: tracked links, the page snippet, form webhooks and the report API over the database.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve tracked links, the page snippet, form webhooks and the report API (see docs/server.md).",
        discussion: """
            Serves the database of --db or $LEADTRAIL_DB: a SQLite file or, in the team build, a postgres:// URL. \
            Listens on --listen, else $LEADTRAIL_LISTEN, else 127.0.0.1:8080 (port 0 picks a free port; the first \
            log line names it and the database, without a password). Stops on SIGTERM or SIGINT after the requests \
            in flight. One log line per request on stderr; secrets and query strings are never logged.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "HOST:PORT to listen on (default: $LEADTRAIL_LISTEN, else 127.0.0.1:8080).") var listen: String?
    @Flag(help: "Believe X-Forwarded-Proto from a proxy in front (the visitor cookie is Secure behind https).")
    var trustProxy = false
    @Option(help: "The largest request body in bytes; larger is refused with 413.") var maxBodyBytes = 64 * 1024
    @Option(help: "Webhook deliveries per second each source may make before 429.") var hookRate = 50
    @Option(
        help: ArgumentHelp(
            "The folder where webhook deliveries wait while the database is held (default: DB.inbox beside a SQLite database; DATABASE.inbox in the current folder for PostgreSQL).",
            valueName: "folder"))
    var inbox: String?

    func run() throws {
        let text = listen ?? ProcessInfo.processInfo.environment["LEADTRAIL_LISTEN"] ?? "127.0.0.1:8080"
        guard let (host, port) = ServerConfiguration.parseListen(text) else {
            let origin = listen == nil ? "LEADTRAIL_LISTEN" : "--listen"
            throw CommandError("\(origin): expected HOST:PORT such as 127.0.0.1:8080, not '\(text)'")
        }
        guard maxBodyBytes > 0 else { throw CommandError("--max-body-bytes must be positive, not \(maxBodyBytes)") }
        guard hookRate > 0 else { throw CommandError("--hook-rate must be positive, not \(hookRate)") }
        // Opening first: a missing or newer database, a wrong password or an unreachable server is the usual
        // one-line error, before anything listens. The server then opens connections of its own the same way.
        let location = store.location
        _ = try location.openStore()
        let inboxPath = try inbox ?? location.defaultInbox
        do { try LeadTrailServer.prepareInbox(at: inboxPath) } catch {
            let origin = inbox == nil ? "" : " (--inbox)"
            throw CommandError("inbox \(inboxPath)\(origin): \(error); pass --inbox with a folder the server may write")
        }
        let configuration = ServerConfiguration(
            host: host, port: port, databaseName: try location.servedName,
            openStore: { try location.openStore() }, trustProxy: trustProxy, maxBodyBytes: maxBodyBytes,
            hookRatePerSecond: hookRate, inboxPath: inboxPath)
        var logger = Logger(label: "leadtrail.serve")
        logger.logLevel = .info
        let failure = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task { [logger] in
            do { try await LeadTrailServer.run(configuration, logger: logger) } catch {
                failure.withLock { $0 = Self.reason(error) }
            }
            done.signal()
        }
        done.wait()
        if let reason = failure.withLock({ $0 }) { throw CommandError("cannot serve on \(text): \(reason)") }
    }

    /// Why listening failed, in words: NIO's `bind(descriptor:ptr:bytes): Cannot assign requested address (errno:
    /// 99)` names a Swift function; the user needs the system's reason.
    static func reason(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("Address already in use") { return "the address is in use" }
        if text.contains("Cannot assign requested address") { return "no network interface of this machine has that address" }
        if text.contains("Permission denied") { return "permission denied (a port below 1024 needs root)" }
        // `call(arguments:): Reason (errno: N)` → `Reason`.
        if let colon = text.range(of: "): "), text.hasPrefix("bind(") || text.hasPrefix("listen(") || text.hasPrefix("socket(") {
            var rest = String(text[colon.upperBound...])
            if let errno = rest.range(of: " (errno:") { rest = String(rest[..<errno.lowerBound]) }
            return rest
        }
        return text
    }
}
#endif
