#if Postgres
import Foundation
import LeadTrailStore
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

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
            return PostgresSession(location: location, connection: connection, logger: logger)
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
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let value): bindings.append(value)
            case .text(let value): bindings.append(value)
            }
        }
        let query = PostgresQuery(unsafeSQL: arguments.isEmpty ? sql : Self.numberingPlaceholders(sql), binds: bindings)
        do {
            let result = try connection.query(query, logger: logger).wait()
            let database = location.description
            return (result.rows.map { PostgresResultRow($0, database: database) }, result.metadata.rows ?? 0)
        } catch {
            throw PostgresErrors.queryError(error, location: location)
        }
    }

    /// `sql` with each `?` outside quotes and comments replaced by `$1`, `$2`, …
    static func numberingPlaceholders(_ sql: String) -> String {
        guard sql.contains("?") else { return sql }
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var inQuote = false
        var inComment = false
        var previous: Character = " "
        var numbered = false
        for character in sql {
            if inComment {
                if character == "\n" { inComment = false }
            } else if inQuote {
                if character == "'" { inQuote = false }
            } else if character == "'" {
                inQuote = true
            } else if character == "-" && previous == "-" {
                inComment = true
            } else if character == "?" {
                // `?NNN` keeps its number (SQLite's numbered parameters); a bare `?` takes the next one.
                number += 1
                result += "$"
                numbered = true
                previous = character
                continue
            }
            if numbered {
                numbered = false
                if !character.isASCII || !character.isNumber { result += "\(number)" } else { number -= 1 }
            }
            result.append(character)
            previous = character
        }
        if numbered { result += "\(number)" }
        return result
    }
}
#endif
