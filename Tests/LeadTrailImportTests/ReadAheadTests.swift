import Foundation
import LeadTrailCore
@testable import LeadTrailImport
import Synchronization
import Testing

/// `import clicks` and `import deals` read the file on a thread of their own (`ImportStream.readingAhead()`): the
/// writer must get exactly what reading in place gives — every item in order, rejects where they were, and a problem
/// with the file after the items before it — and a writer that gives up early must not leave the reader running.
@Suite struct ReadAheadTests {
    /// `count` clicks, with a line that is no JSON every 97 lines and a record without its visitor every 89 (and a byte
    /// that is not UTF-8 on one line, if asked).
    static func clicks(_ count: Int, badByteAtLine: Int? = nil) -> [UInt8] {
        var bytes: [UInt8] = []
        for line in 1...count {
            if line == badByteAtLine {
                bytes += Array(#"{"at": "2026-10-01T10:00:00Z", "visitor": "v"#.utf8) + [0xC4] + Array("\"}\n".utf8)
            } else if line % 97 == 0 {
                bytes += Array("{not json\n".utf8)
            } else if line % 89 == 0 {
                bytes += Array(#"{"id": "c\#(line)", "at": "2026-10-01T10:00:00Z"}"#.utf8) + [0x0A]
            } else {
                let text = #"{"id": "c\#(line)", "at": "2026-10-01T10:\#(line % 60 < 10 ? "0" : "")\#(line % 60):00Z", "#
                    + #""visitor": "Посетитель-\#(line % 300)", "url": "https://shop.example/?utm_source=yandex&yclid=\#(line)"}"#
                bytes += Array(text.utf8) + [0x0A]
            }
        }
        return bytes
    }

    /// What a writer sees of each item: its place, its text and what became of it.
    static func seen(_ stream: ImportStream<ClickRecord>) -> (items: [String], problem: String?) {
        var items: [String] = []
        do {
            while let item = try stream.next() {
                let outcome =
                    switch item.outcome {
                    case .record(let click): "record \(click.key) \(click.visitor) \(click.at.microseconds)"
                    case .skipped: "skipped"
                    case .rejected(let error): "rejected \(stream.fileError(error, at: item).description)"
                    }
                items.append("\(item.number) \(item.line ?? -1) \(item.text) → \(outcome)")
            }
            return (items, nil)
        } catch {
            return (items, error.description)
        }
    }

    @Test func readingAheadGivesEveryItemInPlaceAndInOrder() throws {
        let folder = TemporaryFolder()
        // Several batches and a part one.
        let file = folder.file("clicks.ndjson", bytes: Self.clicks(4_321))
        let inPlace = Self.seen(try ImportStream(clicks: file, options: options))
        let ahead = try ImportStream(clicks: file, options: options).readingAhead()
        let readAhead = Self.seen(ahead)
        #expect(inPlace.items.count == 4_321)
        #expect(inPlace.items.filter { $0.contains("→ rejected") }.count == 44 + 48)
        #expect(readAhead.items == inPlace.items)
        #expect(readAhead.problem == nil && inPlace.problem == nil)
        #expect(ahead.bytesRead == ahead.totalBytes)
    }

    @Test func aProblemWithTheFileComesAfterTheItemsBeforeIt() throws {
        let folder = TemporaryFolder()
        // Past the first MiB the reader checks, so the problem is met while reading, not on opening.
        let bytes = Self.clicks(12_000, badByteAtLine: 10_000)
        #expect(bytes.count > 1 << 20 + 1 << 18)
        let file = folder.file("clicks.ndjson", bytes: bytes)
        let inPlace = Self.seen(try ImportStream(clicks: file, options: options))
        let readAhead = Self.seen(try ImportStream(clicks: file, options: options).readingAhead())
        let problem = try #require(inPlace.problem)
        #expect(problem.contains("line 10000") && problem.contains("not UTF-8"), "\(problem)")
        #expect(inPlace.items.count > 5_000 && inPlace.items.count < 10_000, "\(inPlace.items.count) items")
        #expect(readAhead.problem == inPlace.problem)
        #expect(readAhead.items == inPlace.items)
    }

    /// A writer that stops after a few items (an invalid record, a store error): the reader stops at its next batch
    /// instead of reading on without end.
    @Test func aReaderLeftEarlyStops() throws {
        let produced = Atomic<Int>(0)
        var ahead: ReadAhead<Int>? = ReadAhead(
            produce: { () throws(ImportFileError) -> ImportItem<Int>? in
                let number = produced.add(1, ordering: .relaxed).newValue
                return ImportItem(number: number, line: number, text: "", outcome: .record(number))
            }, bytesRead: { 0 }, size: 100, depth: 2)
        for expected in 1...150 {
            let item = try #require(try ahead?.next())
            #expect(item.number == expected)
        }
        ahead?.stop()
        ahead = nil
        Thread.sleep(forTimeInterval: 0.2)
        let stopped = produced.load(ordering: .relaxed)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(produced.load(ordering: .relaxed) == stopped)
        // Read: 2 batches handed, 1 waiting for room, 1 being made when it was stopped — at most.
        #expect(stopped <= 150 + 4 * 100, "\(stopped) items read for 150 taken")
    }
}
