import Foundation
import GRDB
import Testing

/// The repository's `samples/` folder, found from this file's own path (Tests/EndToEndTests/Imports/…).
enum ImportSamples {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Imports
        .deletingLastPathComponent()  // EndToEndTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the package

    /// A file under `samples/`, e.g. `"clicks.ndjson"` or `"presets/vk-ads.csv"`.
    static func path(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent("samples").appendingPathComponent(relative).path
    }
}

/// A dump like `DatabaseDump.of`, leaving some tables out (e.g. `import_batch`, which keeps an undone batch as
/// history).
enum ImportDump {
    static func of(_ file: URL, excluding excluded: Set<String>) throws -> String {
        try DatabaseDump.of(file, excluding: excluded)
    }

    /// One integer from a read-only query (a count).
    static func integer(_ file: URL, _ sql: String) throws -> Int { try value(file, sql) ?? -1 }

    /// One text from a read-only query ("" for NULL).
    static func text(_ file: URL, _ sql: String) throws -> String { try value(file, sql) ?? "" }

    private static func value<Value: DatabaseValueConvertible & StatementColumnConvertible>(
        _ file: URL, _ sql: String
    ) throws -> Value? {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: file.path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in try Value.fetchOne(db, sql: sql) }
    }
}

extension Workspace {
    /// Writes `lines` as a text file (each line ended by `\n`) in the workspace; returns its name for the CLI.
    @discardableResult
    func write(_ name: String, lines: [String]) throws -> String {
        try write(name, text: lines.map { $0 + "\n" }.joined())
    }

    @discardableResult
    func write(_ name: String, text: String) throws -> String {
        try write(name, data: Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, data: Data) throws -> String {
        try data.write(to: path(name))
        return name
    }

    /// Runs an import (or any command) with `--format json`, expects success and returns the parsed summary.
    func importSummary(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String:
        Any]
    {
        let result = try succeed(arguments + ["--format", "json"], sourceLocation: sourceLocation)
        return try jsonObject(result.stdout, sourceLocation: sourceLocation)
    }

    /// `SELECT COUNT(*) FROM table` on the default database.
    func count(_ table: String) throws -> Int {
        try ImportDump.integer(defaultDatabase, "SELECT COUNT(*) FROM \(table)")
    }

    func dump(excluding tables: Set<String> = []) throws -> String {
        try ImportDump.of(defaultDatabase, excluding: tables)
    }

    /// The JSON array a listing prints (`lead list`, `deal list`…).
    func listing(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let result = try succeed(arguments + ["--format", "json"], sourceLocation: sourceLocation)
        return try jsonArray(result.stdout, sourceLocation: sourceLocation)
    }

    func object(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try succeed(arguments + ["--format", "json"], sourceLocation: sourceLocation)
        return try jsonObject(result.stdout, sourceLocation: sourceLocation)
    }
}

/// The summary's counts, and the promise that they add up.
struct ImportCounts: Equatable, CustomStringConvertible {
    var read, imported, updated, duplicates, skipped, rejected: Int

    init(read: Int, imported: Int, updated: Int = 0, duplicates: Int = 0, skipped: Int = 0, rejected: Int = 0) {
        (self.read, self.imported, self.updated, self.duplicates, self.skipped, self.rejected) =
            (read, imported, updated, duplicates, skipped, rejected)
    }

    init(_ summary: [String: Any]) {
        self.init(
            read: jsonInt(summary["read"]) ?? -1, imported: jsonInt(summary["imported"]) ?? -1,
            updated: jsonInt(summary["updated"]) ?? -1, duplicates: jsonInt(summary["duplicates"]) ?? -1,
            skipped: jsonInt(summary["skipped"]) ?? -1, rejected: jsonInt(summary["rejected"]) ?? -1)
    }

    var addsUp: Bool { read == imported + updated + duplicates + skipped + rejected }

    var description: String {
        "read \(read) imported \(imported) updated \(updated) duplicates \(duplicates) skipped \(skipped) rejected \(rejected)"
    }
}

/// A few good clicks, so that a refused import has something to leave untouched.
let threeGoodClicks = [
    #"{"id": "c-1", "at": "2026-10-01T10:00:00+03:00", "visitor": "v-1", "url": "https://laska-studio.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=vk_autumn_sale"}"#,
    #"{"id": "c-2", "at": "2026-10-01T11:00:00+03:00", "visitor": "v-2", "referrer": "https://t.me/"}"#,
    #"{"id": "c-3", "at": "2026-10-02T09:30:00Z", "visitor": "v-3", "utm_source": "yandex", "utm_medium": "cpc", "utm_campaign": "yandex_search_brand"}"#,
]

/// Two dumps are equal; on a difference, reports the first differing line (not both whole dumps).
func expectSameDump(
    _ expected: String, _ actual: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    if expected != actual {
        Issue.record(Comment(rawValue: message + "\n" + firstDifference(expected, actual)), sourceLocation: sourceLocation)
    }
}
