import Foundation
import LeadTrailCore
import LeadTrailImport

/// A fresh temporary folder per test, removed when the value goes away.
final class TemporaryFolder {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("leadtrail-import-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `name` and returns its URL.
    func file(_ name: String, bytes: [UInt8]) -> URL {
        let file = url.appendingPathComponent(name)
        try! Data(bytes).write(to: file)
        return file
    }

    /// Writes UTF-8 `text` to `name` and returns its URL.
    func file(_ name: String, _ text: String) -> URL { file(name, bytes: Array(text.utf8)) }
}

/// The repository's `samples/presets` folder (the test folder may be reached through a symlink).
let presetSamples: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("samples/presets")

let utc = TimeZone(identifier: "UTC")!
let importTime = Timestamp(microseconds: 1_793_000_000_000_000)
let options = ImportOptions(timeZone: utc, importTime: importTime)

/// All records of a reader.
func readAll(_ reader: any RawRecordSource) throws -> [RawRecord] {
    var records: [RawRecord] = []
    while let record = try reader.next() { records.append(record) }
    return records
}

/// All items of a stream.
func readAll<Record>(_ stream: ImportStream<Record>) throws -> [ImportItem<Record>] {
    var items: [ImportItem<Record>] = []
    while let item = try stream.next() { items.append(item) }
    return items
}

extension ImportItem {
    var record: Record? {
        if case .record(let record) = outcome { return record }
        return nil
    }

    var error: RecordError? {
        if case .rejected(let error) = outcome { return error }
        return nil
    }

    var isSkipped: Bool {
        if case .skipped = outcome { return true }
        return false
    }
}

extension RawRecord {
    var objectValue: JSONObject? { try? object.get() }
    var errorValue: RecordError? {
        if case .failure(let error) = object { return error }
        return nil
    }
}

/// Parses a JSON object literal for tests.
func object(_ text: String) -> JSONObject { try! JSONObject(parsing: text) }

/// The error a throwing expression throws, or nil.
func recordError<T>(_ body: () throws -> T) -> RecordError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? RecordError
    }
}

/// The repository's `Tests/Fixtures/presets` folder: our own files in the shapes of real platform exports.
let presetFixtures: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/presets")

/// The error a file-level read throws, or nil.
func fileError(_ body: () throws -> Void) -> ImportFileError? {
    do {
        try body()
        return nil
    } catch {
        return error as? ImportFileError
    }
}
