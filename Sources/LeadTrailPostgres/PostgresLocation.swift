#if Postgres
import Foundation
public import LeadTrailStore

/// Where a PostgreSQL store lives: a `postgres://` or `postgresql://` URL, read the way libpq reads it.
///
/// `postgres://user:password@host:port/database?sslmode=require`: the port defaults to 5432, the user to
/// `$PGUSER` or the login name, the database to the user. The password comes from the URL, else `$PGPASSWORD`, else
/// the first matching line of `~/.pgpass` (or `$PGPASSFILE`): `host:port:database:user:password`, `*` matching
/// anything, `\:` and `\\` escaping; like libpq, a password file that group or others may read is ignored.
///
/// The password is never printed: ``description`` is `host:port/database`, which every message uses.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// `sslmode`: whether the connection is encrypted and whether the server's certificate is checked.
    public enum SSLMode: String, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, plain otherwise (libpq's default); the certificate is not checked.
        case prefer
        /// TLS or no connection; the certificate is not checked.
        case require
        /// TLS with a certificate signed by a trusted authority, for any host name.
        case verifyCA = "verify-ca"
        /// TLS with a trusted certificate issued for this host.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    /// The password, from the URL, `PGPASSWORD` or the password file; nil when none was found.
    public var password: String?
    /// How long to wait for the server to answer a connection, in seconds (`connect_timeout`, default 5).
    public var connectTimeoutSeconds: Int
    /// The password file looked in and ignored because others may read it (libpq's rule), when no password came
    /// from elsewhere: a refused login says so instead of only "wrong password".
    public var ignoredPasswordFile: String?

    /// `host:port/database`: what messages name, never the password.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(shownHost):\(port)/\(database)"
    }

    /// The URL without its password: what a message may suggest passing to `--db`.
    public var urlWithoutPassword: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        var url = "postgres://\(Self.encoded(user))@\(shownHost):\(port)/\(Self.encoded(database))"
        if sslMode != .prefer { url += "?sslmode=\(sslMode.rawValue)" }
        return url
    }

    /// Reads a URL; `environment` supplies `PGUSER`, `PGPASSWORD`, `PGPASSFILE`, `HOME` and `USER`.
    /// A URL that cannot be read is refused with ``StoreError/invalidLocation(_:reason:)``, its password hidden.
    public init(url: String, environment: [String: String]) throws {
        // A URL without `://` (`postgresql:/user:password@host`) is shown as given, but from the first ':' after
        // its scheme to its last '@' (a password) hidden.
        var shown = DatabaseLocation.redacting(url)
        if !url.contains("://"), let scheme = url.firstIndex(of: ":") {
            let rest = url[url.index(after: scheme)...]
            if let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                shown = String(url[...colon]) + "***" + String(url[at...])
            }
        }
        func invalid(_ reason: String) -> StoreError { .invalidLocation(shown, reason: reason) }

        guard let schemeEnd = url.range(of: "://"),
            ["postgres", "postgresql"].contains(url[..<schemeEnd.lowerBound].lowercased())
        else { throw invalid("expected postgres://user@host:port/database") }
        var rest = Substring(url[schemeEnd.upperBound...])
        // An '@' after the host (in the path or fragment, or in the query when no user came before the host) is a
        // password or user name typed with '/', '#', '?' or '@' un-encoded: read as libpq reads it, part of the
        // password would become a host looked up in DNS or a port printed in a message. Refused before any of that.
        do {
            let fragmentStart = rest.firstIndex(of: "#") ?? rest.endIndex
            let beforeFragment = rest[..<fragmentStart]
            let queryStart = beforeFragment.firstIndex(of: "?") ?? beforeFragment.endIndex
            let hostAndPath = beforeFragment[..<queryStart]
            let pathStart = hostAndPath.firstIndex(of: "/") ?? hostAndPath.endIndex
            let authority = hostAndPath[..<pathStart]
            if hostAndPath[pathStart...].contains("@") || rest[fragmentStart...].contains("@")
                || (beforeFragment[queryStart...].contains("@") && !authority.contains("@"))
            {
                throw invalid(
                    "an '@' comes after the host: a password or user name holding '/', '#', '?' or '@' must be "
                        + "%-encoded (%2F, %23, %3F, %40)")
            }
        }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path = Substring("")
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }

        var user: String?
        var password: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decoded(userInfo[..<colon], what: "user name", invalid)
                password = try Self.decoded(userInfo[userInfo.index(after: colon)...], what: "password", invalid)
            } else {
                user = try Self.decoded(userInfo, what: "user name", invalid)
            }
        }

        // host, host:port, [v6], [v6]:port
        var host = ""
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw invalid("an IPv6 host needs its closing ']'") }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw invalid("unexpected '\(after)' after the host")
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = try Self.decoded(rest[..<colon], what: "host", invalid)
            portText = rest[rest.index(after: colon)...]
        } else {
            host = try Self.decoded(rest, what: "host", invalid)
        }
        var port = 5432
        if let portText {
            // The text is not echoed: without an '@', `postgres://user:password/db` puts the password here.
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw invalid("the port after the host's ':' is not a number from 1 to 65535")
            }
            port = number
        }

        var database = path.isEmpty ? nil : try Self.decoded(path, what: "database name", invalid)
        var sslMode = SSLMode.prefer
        var timeout = 5
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decoded(parts[0], what: "parameter", invalid)
            let value = parts.count > 1 ? try Self.decoded(parts[1], what: "parameter \(key)", invalid) : ""
            switch key {
            case "sslmode":
                if value == "allow" {
                    sslMode = .prefer
                } else if let mode = SSLMode(rawValue: value) {
                    sslMode = mode
                } else {
                    throw invalid(
                        "sslmode '\(value)' is not one of disable, allow, prefer, require, verify-ca, verify-full")
                }
            case "user": user = value
            case "password": password = value
            case "dbname": database = value
            case "host": host = value
            case "port":
                guard let number = Int(value), (1...65535).contains(number) else {
                    throw invalid("port '\(value)' is not a number from 1 to 65535")
                }
                port = number
            case "connect_timeout":
                guard let seconds = Int(value), seconds >= 0 else {
                    throw invalid("connect_timeout '\(value)' is not a number of seconds")
                }
                timeout = seconds == 0 ? 5 : max(seconds, 2)
            case "application_name", "fallback_application_name", "options":
                break
            default:
                throw invalid(
                    "unknown parameter '\(key)' (known: sslmode, user, password, dbname, host, port, connect_timeout)")
            }
        }

        let login = environment["PGUSER"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["USER"] ?? "postgres"
        self.user = (user?.isEmpty == false ? user : nil) ?? login
        self.host = host.isEmpty ? "localhost" : host
        self.port = port
        self.database = (database?.isEmpty == false ? database : nil) ?? self.user
        self.sslMode = sslMode
        self.connectTimeoutSeconds = timeout
        if let password, !password.isEmpty {
            self.password = password
        } else if let password = environment["PGPASSWORD"], !password.isEmpty {
            self.password = password
        } else {
            let file =
                environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 }
                ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass"
            self.password = PasswordFile.password(
                in: file, host: self.host, port: self.port, database: self.database, user: self.user)
            if self.password == nil && PasswordFile.isIgnoredForItsMode(file) { ignoredPasswordFile = file }
        }
    }

    /// Percent-decodes one part of the URL.
    private static func decoded(
        _ text: Substring, what: String, _ invalid: (String) -> StoreError
    ) throws -> String {
        guard text.contains("%") else { return String(text) }
        guard let decoded = String(text).removingPercentEncoding else {
            throw invalid("the \(what) has a broken %-escape")
        }
        return decoded
    }

    /// Percent-encodes a user or database name for a URL.
    private static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
#endif
