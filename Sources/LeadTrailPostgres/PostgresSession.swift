#if Postgres
import Foundation
import LeadTrailStore
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// One connection to the server, used synchronously: what a ``PostgresStore`` talks through.
///
/// The store protocol is synchronous and the CLI calls it from the main thread, so every call here blocks its
/// caller until postgres-nio's `EventLoopFuture` completes (`wait()`). The future is completed by a thread of NIO's
/// own event loop group, never by Swift's cooperative thread pool: a caller blocked here (the main thread, or the
/// server's store actor) never holds up the thread that would wake it, so it cannot deadlock the way waiting on a
/// `Task` from a pool thread can. One connection per store is enough for a command; the server serialises its
/// calls through one store.
final class PostgresSession: Sendable {
    let location: PostgresLocation
    let connection: PostgresConnection
    let logger: Logger
    /// Statements sent so far: each one round trip to the server (what the tests of the server's group commit count).
    let statementsSent = Atomic<Int>(0)

    private init(location: PostgresLocation, connection: PostgresConnection, logger: Logger) {
        self.location = location
        self.connection = connection
        self.logger = logger
    }

    deinit {
        // The server ends the session (and rolls back anything open) when the socket closes. The connection must be
        // closed before it goes; waiting is only possible off its event loop, where every store call runs anyway.
        let closed: EventLoopFuture<Void> = connection.close()
        if !connection.eventLoop.inEventLoop { _ = try? closed.wait() }
    }

    /// Connects and logs in, or throws the ``StoreError`` that says why not (wrong password, no server, …).
    static func connect(_ location: PostgresLocation) throws -> PostgresSession {
        var logger = Logger(label: "leadtrail.postgres")
        logger.logLevel = .critical
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch location.sslMode {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: tlsConfiguration(.none)))
            case .require: tls = .require(try NIOSSLContext(configuration: tlsConfiguration(.none)))
            case .verifyCA: tls = .require(try NIOSSLContext(configuration: tlsConfiguration(.noHostnameVerification)))
            case .verifyFull: tls = .require(try NIOSSLContext(configuration: tlsConfiguration(.fullVerification)))
            }
        } catch {
            throw StoreError.unreachable(database: location.description, reason: "TLS cannot be set up: \(error)")
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: tls)
        configuration.options.connectTimeout = .seconds(Int64(location.connectTimeoutSeconds))
        configuration.options.additionalStartupParameters = [("application_name", "leadtrail")]
        do {
            let connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger
            ).wait()
            let session = PostgresSession(location: location, connection: connection, logger: logger)
            // A command stopped by Ctrl-C (or killed) closes its socket, but the server notices only when it next
            // writes to it: a long statement of an interrupted import ran on for minutes, holding up the team's
            // writers. From PostgreSQL 14 the server checks the socket every second and stops the statement; an
            // older server does not know the setting, and is left as it was.
            _ = try? session.run("SET client_connection_check_interval = 1000", [])
            return session
        } catch {
            throw PostgresErrors.connectionError(error, location: location)
        }
    }

    private static func tlsConfiguration(_ verification: CertificateVerification) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = verification
        return configuration
    }

    /// Runs one statement and returns all its rows and the count of rows it changed.
    ///
    /// `sql` takes `?` placeholders, as SQLite's queries do (turned into `$1`, `$2`, … when there are arguments), so
    /// both stores' queries stay alike.
    func run(_ sql: String, _ arguments: [PostgresValue]) throws -> (rows: [PostgresResultRow], changed: Int) {
        try refuseClosedConnection()
        do {
            return try send(sql, arguments)
        } catch {
            throw PostgresErrors.queryError(error, location: location)
        }
    }

    /// Throws when the connection is closed. A connection the server ended (a restart, `pg_terminate_backend`) is
    /// refused here: postgres-nio may leave a query sent on it waiting for ever, and a long-lived caller
    /// (`leadtrail serve`) would hang with it.
    func refuseClosedConnection() throws {
        guard !connection.isClosed else {
            throw StoreError.unreachable(
                database: location.description, reason: "the connection to the server was lost")
        }
    }

    /// Sends one statement and waits for its answer; throws postgres-nio's error as it is.
    func send(_ sql: String, _ arguments: [PostgresValue]) throws -> (rows: [PostgresResultRow], changed: Int) {
        statementsSent.wrappingAdd(1, ordering: .relaxed)
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let value): bindings.append(value)
            case .text(let value): bindings.append(value)
            }
        }
        let query = PostgresQuery(unsafeSQL: arguments.isEmpty ? sql : Self.numberingPlaceholders(sql), binds: bindings)
        let result = try connection.query(query, logger: logger).wait()
        let database = location.description
        return (result.rows.map { PostgresResultRow($0, database: database) }, result.metadata.rows ?? 0)
    }

    /// `sql` with each `?` outside quotes and comments replaced by `$1`, `$2`, … (`?NNN` keeps its number, as
    /// SQLite's numbered parameters do). Works on UTF-8 bytes: every byte it looks for is ASCII.
    static func numberingPlaceholders(_ sql: String) -> String {
        guard sql.utf8.contains(UInt8(ascii: "?")) else { return sql }
        let bytes = Array(sql.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 4)
        var number = 0
        var inQuote = false
        var inComment = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inComment {
                if byte == UInt8(ascii: "\n") { inComment = false }
            } else if inQuote {
                if byte == UInt8(ascii: "'") { inQuote = false }
            } else if byte == UInt8(ascii: "'") {
                inQuote = true
            } else if byte == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                inComment = true
            } else if byte == UInt8(ascii: "?") {
                result.append(UInt8(ascii: "$"))
                if index + 1 < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + 1]) {
                    index += 1
                    continue
                }
                number += 1
                result.append(contentsOf: String(number).utf8)
                index += 1
                continue
            }
            result.append(byte)
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }
}
#endif
