#if Postgres
import Foundation
import LeadTrailStore
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// What a postgres-nio error means for the user, as a one-line ``StoreError`` naming `host:port/database`.
///
/// No SQLSTATE, no SQL text and never the password reaches the user: the server's own message is shown only where
/// it speaks of the data (a constraint, a permission), and then without its detail.
enum PostgresErrors {
    /// Thrown inside a transaction when the server gave up on it because of a concurrent one (serialization failure,
    /// deadlock): the transaction runs again.
    struct Conflict: Error {}

    /// Why connecting failed.
    static func connectionError(_ error: any Error, location: PostgresLocation) -> any Error {
        let database = location.description
        guard let error = error as? PSQLError else { return unreachable(error, database: database) }
        switch error.code {
        case .server:
            return serverError(error, location: location)
        case .sslUnsupported:
            return StoreError.unreachable(
                database: database,
                reason: "the server does not offer TLS, which sslmode=\(location.sslMode.rawValue) needs")
        case .authMechanismRequiresPassword:
            return wrongPassword(location)
        case .unsupportedAuthMechanism, .saslError:
            return StoreError.cannotOpen(path: database, reason: "the server asks for a login method leadtrail lacks")
        case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return StoreError.unreachable(database: database, reason: "TLS with the server failed")
        default:
            if let underlying = error.underlying { return unreachable(underlying, database: database) }
            return StoreError.unreachable(database: database, reason: "the server closed the connection")
        }
    }

    /// Why a query failed: a server error in words, a conflict to retry, or a lost connection.
    static func queryError(_ error: any Error, location: PostgresLocation) -> any Error {
        guard let error = error as? PSQLError else {
            return StoreError.databaseFailure(path: location.description, reason: "the request failed")
        }
        switch error.code {
        case .server: return serverError(error, location: location)
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .connectionError:
            return StoreError.unreachable(database: location.description, reason: "the connection to the server was lost")
        case .queryCancelled:
            return StoreError.databaseFailure(path: location.description, reason: "the request was cancelled")
        default:
            return StoreError.databaseFailure(path: location.description, reason: "the server's answer was not understood")
        }
    }

    /// A server's `ErrorResponse`, by its SQLSTATE.
    /// A refused login: with the password file that was ignored for its mode when that is why no password came.
    static func wrongPassword(_ location: PostgresLocation) -> StoreError {
        if let file = location.ignoredPasswordFile {
            return .passwordFileIgnored(database: location.description, user: location.user, path: file)
        }
        return .wrongPassword(database: location.description, user: location.user)
    }

    static func serverError(_ error: PSQLError, location: PostgresLocation) -> any Error {
        let database = location.description
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? "the server refused the request"
        switch state {
        case "28P01", "28000":
            return wrongPassword(location)
        case "3D000":
            return StoreError.noSuchDatabase(
                database: "\(location.host):\(location.port)", name: location.database)
        case "40001", "40P01":
            return Conflict()
        case "42501":
            return StoreError.permissionDenied(database: database, reason: message)
        case "25006":
            return StoreError.readOnly(path: database, reason: "the transaction is read-only")
        case "57P03":
            return StoreError.unreachable(database: database, reason: "the server is starting up or shutting down")
        case "53300":
            return StoreError.unreachable(database: database, reason: "the server has too many connections")
        case "57P01", "57P02":
            return StoreError.unreachable(database: database, reason: "the server is shutting down")
        case "53100":
            return StoreError.databaseFailure(path: database, reason: "the server's disk is full")
        case "42P01", "42703", "42883":
            return StoreError.databaseFailure(
                path: database, reason: "its tables are not what this leadtrail expects; run 'leadtrail migrate'")
        case "42P07":
            return StoreError.databaseFailure(
                path: database, reason: "it already has tables of another program: \(message)")
        default:
            if state.hasPrefix("23") {
                return StoreError.databaseFailure(path: database, reason: "the data breaks a rule of the schema: \(message)")
            }
            if state.hasPrefix("08") {
                return StoreError.unreachable(database: database, reason: "the connection to the server failed")
            }
            return StoreError.databaseFailure(path: database, reason: message)
        }
    }

    /// A connection that never reached the server: refused, unknown host, timed out.
    static func unreachable(_ error: any Error, database: String) -> StoreError {
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                return .unreachable(database: database, reason: "unknown host")
            }
            if let first = error.connectionErrors.first {
                return unreachable(first.error, database: database)
            }
            return .unreachable(database: database, reason: "unknown host")
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return .unreachable(database: database, reason: "connection refused (is the server running?)")
            case ENETUNREACH, EHOSTUNREACH: return .unreachable(database: database, reason: "no route to the host")
            case ETIMEDOUT: return .unreachable(database: database, reason: "the server did not answer in time")
            default: return .unreachable(database: database, reason: String(cString: strerror(error.errnoCode)))
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return .unreachable(database: database, reason: "the server did not answer in time")
        }
        if error is NIOSSLError || error is BoringSSLError {
            return .unreachable(database: database, reason: "TLS with the server failed (certificate not trusted?)")
        }
        if error is SocketAddressError {
            return .unreachable(database: database, reason: "unknown host")
        }
        return .unreachable(database: database, reason: "the connection failed")
    }
}
#endif
