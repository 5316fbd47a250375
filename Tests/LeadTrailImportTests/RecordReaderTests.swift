import Foundation
import LeadTrailImport
import Testing

@Suite struct RecordReaderTests {
    @Test func detectsNDJSONAndNumbersByLine() throws {
        let folder = TemporaryFolder()
        let url = folder.file("clicks.ndjson", "{\"a\":1}\n\n{\"a\":2}\n   \n{\"a\":3}")
        let reader = try RecordReader(url: url)
        #expect(reader.layout == .ndjson)
        let records = try readAll(reader)
        #expect(records.map(\.number) == [1, 3, 5])
        #expect(records.map { $0.objectValue?["a"] } == [.number("1"), .number("2"), .number("3")])
        #expect(records[1].text == "{\"a\":2}")
        #expect(reader.bytesRead == reader.totalBytes)
    }

    @Test func detectsArrayAndNumbersByPosition() throws {
        let folder = TemporaryFolder()
        let url = folder.file("forms.json", "  \n[\n {\"a\": 1},\n {\"a\": [2, {\"b\": 3}]} ,{}\n]\n")
        let reader = try RecordReader(url: url)
        #expect(reader.layout == .jsonArray)
        let records = try readAll(reader)
        #expect(records.map(\.number) == [1, 2, 3])
        #expect(records[1].text == "{\"a\": [2, {\"b\": 3}]}")
        #expect(records[2].objectValue == JSONObject())
    }

    @Test func acceptsBOMAndCRLF() throws {
        let folder = TemporaryFolder()
        let ndjson = folder.file(
            "a.ndjson", bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\":\"x\"}\r\n{\"a\":\"y\"}\r\n".utf8))
        let lines = try readAll(try RecordReader(url: ndjson))
        #expect(lines.map { $0.objectValue?["a"] } == [.string("x"), .string("y")])
        #expect(lines[0].text == "{\"a\":\"x\"}")
        let array = folder.file(
            "a.json", bytes: [0xEF, 0xBB, 0xBF] + Array("[\r\n{\"a\":\"x\"},\r\n{\"a\":\"y\"}\r\n]\r\n".utf8))
        let reader = try RecordReader(url: array)
        #expect(reader.layout == .jsonArray)
        #expect(try readAll(reader).count == 2)
    }

    @Test(arguments: ["", "   \n\n", "[]", " [ ] \n"])
    func emptyFilesYieldNothing(text: String) throws {
        let folder = TemporaryFolder()
        #expect(try readAll(try RecordReader(url: folder.file("empty.json", text))).isEmpty)
    }

    @Test func malformedNDJSONLineIsARecordErrorAndLaterLinesRead() throws {
        let folder = TemporaryFolder()
        let url = folder.file("clicks.ndjson", "{\"a\":1}\n{\"a\": 2,,}\n[1]\n{\"a\":4}\n")
        let records = try readAll(try RecordReader(url: url))
        #expect(records.count == 4)
        #expect(records[1].number == 2)
        #expect(records[1].errorValue?.message.hasPrefix("invalid JSON") == true)
        #expect(records[1].text == "{\"a\": 2,,}")
        #expect(records[2].errorValue?.message == "expected a JSON object, found an array")
        #expect(records[3].objectValue?["a"] == .number("4"))
    }

    @Test func brokenArrayIsAFileError() throws {
        let folder = TemporaryFolder()
        let url = folder.file("forms.json", "[\n{\"a\":1},\n{\"a\": 2 \"b\": 3}\n]")
        let reader = try RecordReader(url: url)
        #expect(try reader.next()?.objectValue?["a"] == .number("1"))
        do {
            _ = try reader.next()
            Issue.record("expected a file error")
        } catch {
            #expect(error.record == 2)
            #expect(error.description.hasPrefix("forms.json: record 2: invalid JSON:"))
            #expect(error.description.contains("line 3"))
        }
    }

    @Test(arguments: ["[{\"a\":1}", "[{\"a\":1},", "[{\"a\":1}] x", "[{\"a\":1} {\"a\":2}]"])
    func truncatedOrTrailingArrayIsAFileError(text: String) throws {
        let folder = TemporaryFolder()
        let reader = try RecordReader(url: folder.file("x.json", text))
        #expect(throws: ImportFileError.self) { _ = try readAll(reader) }
    }

    @Test func invalidUTF8RefusesTheFileNamingLineAndOffset() throws {
        let folder = TemporaryFolder()
        let bad: [UInt8] = Array("{\"a\":1}\n{\"name\":\"".utf8) + [0xD0, 0x28] + Array("\"}\n{\"a\":3}\n".utf8)
        let error = try #require(throws: ImportFileError.self) {
            try readAll(try RecordReader(url: folder.file("f.ndjson", bytes: bad)))
        }
        #expect(error.description.hasPrefix("f.ndjson: line 2: not UTF-8 text: byte 0xD0 at byte offset 17"))
        let array: [UInt8] = Array("[{\"a\":1},\n{\"name\":\"".utf8) + [0xFF] + Array("\"}]".utf8)
        let arrayError = try #require(throws: ImportFileError.self) {
            try readAll(try RecordReader(url: folder.file("f.json", bytes: array)))
        }
        #expect(arrayError.description.hasPrefix("f.json: line 2: not UTF-8 text: byte 0xFF at byte offset 19"))
    }

    @Test func recordsSpanningChunksReadCorrectly() throws {
        let folder = TemporaryFolder()
        var text = "[\n"
        for index in 0..<200 { text += "{\"n\": \(index), \"s\": \"значение \(index) \\u0416\"},\n" }
        text += "{\"n\": 200}]"
        let reader = try RecordReader(url: folder.file("big.json", text), chunkSize: 37)
        let records = try readAll(reader)
        #expect(records.count == 201)
        #expect(records.map { $0.objectValue?["n"] } == (0...200).map { .number(String($0)) })
        #expect(records[5].objectValue?["s"] == .string("значение 5 Ж"))
        let lines = (0..<100).map { "{\"n\": \($0)}" }.joined(separator: "\n")
        let ndjson = try readAll(try RecordReader(url: folder.file("big.ndjson", lines), chunkSize: 16))
        #expect(ndjson.count == 100)
        #expect(ndjson.last?.objectValue?["n"] == .number("99"))
    }

    @Test func streamsA50MBFileInChunks() throws {
        let folder = TemporaryFolder()
        let url = folder.url.appendingPathComponent("big.ndjson")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        let line =
            Array(
                #"{"at":"2026-10-01T10:00:00Z","visitor":"v-000000","url":"https://example.com/?utm_source=vk&utm_medium=cpc","id":"c"}"#
                    .utf8) + [0x0A]
        var block: [UInt8] = []
        for _ in 0..<4096 { block += line }
        var written = 0
        while written < 50_000_000 {
            handle.write(Data(block))
            written += block.count
        }
        try handle.close()
        let reader = try RecordReader(url: url)
        var count = 0
        var maxChunksAhead = 0
        while let record = try reader.next() {
            count += 1
            if count % 50_000 == 0 {
                // The reader never holds more than a chunk beyond what it has handed out.
                let readAhead = Int64(reader.chunksRead) * (1 << 20) - reader.bytesRead
                maxChunksAhead = max(maxChunksAhead, Int(readAhead / (1 << 20)))
                #expect(record.objectValue?["visitor"] == .string("v-000000"))
            }
        }
        #expect(count == written / line.count)
        #expect(reader.chunksRead >= 48)
        #expect(maxChunksAhead <= 1)
    }

    @Test func readsGraphAPIPagesWhenAsked() throws {
        let folder = TemporaryFolder()
        let text = """
            {"data": [{"id": "1"}, {"id": "2"}], "paging": {"cursors": {"after": "x"}}}
            {"data": [{"id": "3"}]}
            """
        let reader = try RecordReader(url: folder.file("leads.json", text), pageKey: "data")
        #expect(reader.layout == .pages)
        #expect(try readAll(reader).map { $0.objectValue?["id"] } == [.string("1"), .string("2"), .string("3")])
        // Without the page key the same file is NDJSON.
        let plain = try RecordReader(url: folder.file("leads2.json", text))
        #expect(plain.layout == .ndjson)
    }

    @Test func missingFileIsAFileError() {
        #expect(throws: ImportFileError.self) { try RecordReader(url: URL(fileURLWithPath: "/nonexistent/x.json")) }
    }
}
