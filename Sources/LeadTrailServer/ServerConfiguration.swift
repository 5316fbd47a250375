#if Server
public import LeadTrailStore

/// Where `leadtrail serve` listens, what it trusts and its limits.
public struct ServerConfiguration: Sendable {
    /// The host address to bind, e.g. `127.0.0.1`.
    public var host: String
    /// The TCP port; 0 picks a free one (the first log line names it).
    public var port: Int
    /// The database as messages name it: a SQLite path, or PostgreSQL's `host:port/database` (never a password).
    public var databaseName: String
    /// Opens a new connection to the database: the server opens one for its reads, one for its writer and one for
    /// the dashboard. Called before the server listens, so a database that cannot be opened stops it at once.
    public var openStore: @Sendable () throws -> any LeadTrailDatabase
    /// Whether `X-Forwarded-Proto` from a proxy in front is believed (the visitor cookie is `Secure` behind TLS).
    public var trustProxy: Bool
    /// The largest request body read, in bytes; a larger one is answered 413.
    public var maxBodyBytes: Int
    /// Webhook deliveries each source may make per second (and as a burst), before 429.
    public var hookRatePerSecond: Int
    /// How long a click's request waits for its write before it is answered anyway, the click kept in memory until
    /// the database lets the writer write it (another process holding the write lock never holds a redirect).
    public var clickWait: Duration
    /// How long a connection may send nothing (mid-request or between requests) before it is closed.
    public var readTimeout: Duration
    /// The folder where webhook deliveries wait when their write does not commit within ``deliveryWait``.
    public var inboxPath: String
    /// How long a webhook delivery waits for its commit before it is kept in the inbox and answered: 2 s, well
    /// under the 5 s after which Tilda gives a delivery up.
    public var deliveryWait: Duration
    /// How long a graceful shutdown tries to write the deliveries in the inbox before it leaves them for the next
    /// start.
    public var inboxShutdownWait: Duration

    /// The default ``deliveryWait``.
    public static let defaultDeliveryWait = Duration.seconds(2)

    /// A configuration.
    public init(
        host: String, port: Int, databaseName: String,
        openStore: @escaping @Sendable () throws -> any LeadTrailDatabase, trustProxy: Bool = false,
        maxBodyBytes: Int = 64 * 1024, hookRatePerSecond: Int = 50, readTimeout: Duration = .seconds(5),
        clickWait: Duration = .seconds(1), inboxPath: String, deliveryWait: Duration = defaultDeliveryWait,
        inboxShutdownWait: Duration = .seconds(10)
    ) {
        self.inboxPath = inboxPath
        self.deliveryWait = deliveryWait
        self.inboxShutdownWait = inboxShutdownWait
        self.clickWait = clickWait
        self.readTimeout = readTimeout
        self.host = host
        self.port = port
        self.databaseName = databaseName
        self.openStore = openStore
        self.trustProxy = trustProxy
        self.maxBodyBytes = maxBodyBytes
        self.hookRatePerSecond = hookRatePerSecond
    }

    /// Parses `HOST:PORT` (`127.0.0.1:8080`, `[::1]:8080`, `:8080` for all addresses); nil when malformed.
    public static func parseListen(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { host = "0.0.0.0" }
        return (host, port)
    }
}
#endif
#if Server
extension Duration {
    /// The whole nanoseconds of the duration (NIO's `TimeAmount` counts in them).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
#endif
