import Foundation
import Testing

/// A fresh temporary folder for one test: the working directory of every run, removed at the end.
///
/// Tests run concurrently, so nothing here is shared: each workspace has its own folder and therefore its own
/// default database (`./leadtrail.sqlite`). A PostgreSQL workspace (``with(store:_:)``) also has its own database on
/// the test server, made fresh and dropped at the end, and every run gets its URL as `$LEADTRAIL_DB`.
struct Workspace: Sendable {
    let folder: URL
    /// The store the runs use when no `--db` says otherwise.
    var store: StoreKind = .sqlite
    /// The workspace's PostgreSQL database (``StoreKind/postgres`` only).
    var postgres: PostgresTestDatabase? = nil

    /// The database the binary uses when neither `--db` nor `$LEADTRAIL_DB` says otherwise.
    var defaultDatabase: URL { folder.appendingPathComponent("leadtrail.sqlite") }

    /// What `--db` would say for the database every run uses: `leadtrail.sqlite`, or the PostgreSQL URL.
    var database: String { postgres?.url ?? "leadtrail.sqlite" }

    /// Runs `body` with a new workspace and removes its folder afterwards, whatever happens.
    static func with<T>(_ body: (Workspace) throws -> T) throws -> T {
        try with(store: .sqlite, body)
    }

    /// Runs `body` with a new workspace on `store`: for PostgreSQL a fresh database `<databasePrefix><uuid8>` on the
    /// test server (`team_store_…` by default), dropped afterwards with the folder, whatever happens.
    static func with<T>(
        store: StoreKind, databasePrefix: String = "team_store_", _ body: (Workspace) throws -> T
    ) throws -> T {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("leadtrail-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var workspace = Workspace(folder: folder, store: store)
        if store == .postgres {
            let database = try PostgresTestServer.createDatabase(prefix: databasePrefix)
            workspace.postgres = database
            defer { database.drop() }
            return try body(workspace)
        }
        return try body(workspace)
    }

    /// The environment of every run: the test process's own without `LEADTRAIL_DB` and `LEADTRAIL_LOG` (so a
    /// developer's setting cannot leak in), `LEADTRAIL_DB` set to the workspace's PostgreSQL database if it has one,
    /// then `environment`.
    func processEnvironment(_ environment: [String: String] = [:]) -> [String: String] {
        var merged = ProcessInfo.processInfo.environment
        merged["LEADTRAIL_DB"] = postgres?.url
        merged["LEADTRAIL_LOG"] = nil
        merged.merge(environment) { _, new in new }
        return merged
    }

    func path(_ relative: String) -> URL { folder.appendingPathComponent(relative) }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative).path) }

    /// Runs the binary with `arguments` in this folder.
    ///
    /// The environment is ``processEnvironment(_:)`` plus `environment`. `executable` replaces the built binary (for
    /// a copied one); `directory` replaces the working directory.
    @discardableResult
    func run(
        _ arguments: [String], environment: [String: String] = [:], executable: URL? = nil, directory: URL? = nil
    ) throws -> RunResult {
        let process = Process()
        process.executableURL = try executable ?? BuiltBinary.url()
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? folder
        process.environment = processEnvironment(environment)
        // Files, not pipes (see ``CapturedOutput``): a file never fills up, and never waits for another child.
        let output = try CapturedOutput()
        let errors = try CapturedOutput()
        process.standardOutput = output.handle
        process.standardError = errors.handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let outputData = output.data()
        let errorData = errors.data()
        return RunResult(
            arguments: arguments, status: process.terminationStatus,
            stdout: String(decoding: outputData, as: UTF8.self), stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs the binary and records an issue (with the whole output) when it fails.
    @discardableResult
    func succeed(
        _ arguments: [String], environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let result = try run(arguments, environment: environment)
        #expect(result.status == 0, "expected success:\n\(result)", sourceLocation: sourceLocation)
        return result
    }
}
