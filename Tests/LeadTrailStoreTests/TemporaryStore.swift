import Foundation
import LeadTrailCore
import LeadTrailStore

/// A fresh SQLite store in its own temporary folder for one test, removed afterwards (tests run concurrently).
enum TemporaryStore {
    static func with<T>(_ body: (_ store: any LeadStore, _ file: URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("leadtrail-store-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("store.sqlite")
        let store: any LeadStore = try SQLiteStore.create(path: file.path).store
        return try body(store, file)
    }

    static func with<T>(_ body: (_ store: any LeadStore) throws -> T) throws -> T {
        try with { store, _ in try body(store) }
    }
}

/// 2026-10-01T10:00:00+03:00 and offsets from it, for readable test times.
enum Clock {
    static let start = try! Timestamp.parse("2026-10-01T10:00:00+03:00", timeZone: TimeZone(identifier: "UTC")!)

    static func days(_ days: Int64) -> Timestamp { Timestamp(microseconds: start.microseconds + days * 86_400_000_000) }
    static func minutes(_ minutes: Int64) -> Timestamp {
        Timestamp(microseconds: start.microseconds + minutes * 60_000_000)
    }
}

func rub(_ text: String) throws -> Money { try Money.parse(text, currency: .rub) }
