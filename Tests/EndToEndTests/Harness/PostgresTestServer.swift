import Foundation

/// The PostgreSQL server the end-to-end tests use: `$LEADTRAIL_TEST_POSTGRES_URL` (`.ci/run` exports it, with the
/// password in `PGPASSWORD`), else the development server on loopback.
///
/// The tests reach it with `psql` (Debian's `postgresql-client`, which `.ci/run` installs with the server), not with
/// the store under test, so a broken store cannot hide behind its own set-up.
enum PostgresTestServer {
    static let defaultURL = "postgres://leadtrail:leadtrail-dev@127.0.0.1:5432/leadtrail"

    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The server's URL as given: the tests' databases are made beside its database, with its user and password.
    static var baseURL: String {
        environment["LEADTRAIL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultURL
    }

    /// `CI=true`: a server that cannot be reached fails the tests, whatever else is set.
    static var isCI: Bool { environment["CI"]?.lowercased() == "true" }

    /// `LEADTRAIL_SKIP_POSTGRES=1` outside CI: run the parameterised suites on SQLite only.
    static var skipRequested: Bool { !isCI && environment["LEADTRAIL_SKIP_POSTGRES"] == "1" }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The base URL split: a connection URL without the password (for messages and `psql -d`), and the password
    /// (from the URL, else `PGPASSWORD`).
    static func parts(of url: String) throws -> (components: URLComponents, password: String?) {
        guard var components = URLComponents(string: url), components.host?.isEmpty == false else {
            throw Failure(description: "LEADTRAIL_TEST_POSTGRES_URL is not a postgres:// URL with a host")
        }
        let password = components.password ?? environment["PGPASSWORD"]
        components.password = nil
        return (components, password)
    }

    /// Creates a fresh database `<prefix><8 hex digits>` (`team_store_…` unless a suite names its own) owned by the
    /// server's user; the caller drops it.
    static func createDatabase(prefix: String = "team_store_") throws -> PostgresTestDatabase {
        let name = prefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8).lowercased()
        let (components, password) = try parts(of: baseURL)
        do {
            _ = try psql(components, password: password, sql: "CREATE DATABASE \(name)")
        } catch {
            let hint =
                isCI
                ? "CI needs it: .ci/run starts it"
                : "start it, point LEADTRAIL_TEST_POSTGRES_URL at one, or set LEADTRAIL_SKIP_POSTGRES=1 for SQLite only"
            throw Failure(
                description:
                    "the test PostgreSQL server \(components.host ?? "?"):\(components.port ?? 5432) cannot make a "
                    + "database (\(error)); \(hint)")
        }
        var own = URLComponents(string: baseURL) ?? components
        own.path = "/" + name
        return PostgresTestDatabase(name: name, url: own.string ?? baseURL, server: components, password: password)
    }

    /// Runs `sql` with `psql` on the database of `components` and returns its unaligned output.
    static func psql(_ components: URLComponents, password: String?, sql: String) throws -> String {
        let process = Process()
        process.executableURL = try psqlExecutable()
        process.arguments = [
            "--no-psqlrc", "--quiet", "--no-align", "--tuples-only", "--set", "ON_ERROR_STOP=1",
            "--dbname", components.string ?? "", "--command", sql,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = password
        environment["PGCONNECT_TIMEOUT"] = "10"
        process.environment = environment
        let output = try CapturedOutput()
        let errors = try CapturedOutput()
        process.standardOutput = output.handle
        process.standardError = errors.handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let errorData = errors.data()
        let outputData = output.data()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "psql: \(message.isEmpty ? "exit \(process.terminationStatus)" : message)")
        }
        return String(decoding: outputData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func psqlExecutable() throws -> URL {
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
        for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/psql") {
            return URL(fileURLWithPath: folder + "/psql")
        }
        throw Failure(description: "psql was not found on PATH; install postgresql-client (.ci/run installs postgresql)")
    }
}

/// One test's own PostgreSQL database, made by ``PostgresTestServer/createDatabase()`` and dropped at the end.
struct PostgresTestDatabase: Sendable {
    /// `team_store_…`.
    let name: String
    /// The URL the binary gets (`$LEADTRAIL_DB` or `--db`): the server's URL with this database.
    let url: String
    fileprivate let server: URLComponents
    /// The password the tests' server takes (from its URL or `PGPASSWORD`).
    let password: String?

    /// `host:port/name`, as the binary's messages name the database.
    var place: String { "\(host):\(port)/\(name)" }
    var host: String { server.host ?? "" }
    var port: Int { server.port ?? 5432 }
    /// The user the tests connect as.
    var user: String { server.user ?? ProcessInfo.processInfo.environment["USER"] ?? "" }
    /// The password, to check that no output ever shows it.
    var secret: String? { password }

    /// Runs `sql` in this database (to look at what the binary left, or to set up a situation it must cope with).
    @discardableResult
    func execute(_ sql: String) throws -> String {
        var components = server
        components.path = "/" + name
        return try PostgresTestServer.psql(components, password: password, sql: sql)
    }

    /// Drops the database, whatever connection is still open on it.
    func drop() {
        _ = try? PostgresTestServer.psql(server, password: password, sql: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// The URL of this database with other credentials or another host, port or database, for the bad-input tests.
    func url(user: String? = nil, password: String? = nil, host: String? = nil, port: Int? = nil, database: String? = nil)
        -> String
    {
        var components = server
        if let user { components.user = user }
        components.password = password
        if let host { components.host = host }
        if let port { components.port = port }
        components.path = "/" + (database ?? name)
        return components.string ?? url
    }
}
