import Foundation
import LeadTrailCore
import LeadTrailImport
import Testing

/// SPEC "What an import promises", never guessed: text that is not UTF-8 is refused with a message that says so, or
/// read with `--encoding windows-1251`.
@Suite struct EncodingTests {
    private func spend(_ url: URL, preset: SpendPreset = .generic, encoding: TextEncoding = .utf8) throws
        -> [ImportItem<SpendRecord>]
    {
        var options = options
        options.encoding = encoding
        options.defaultCurrency = .rub
        return try readAll(try ImportStream(spend: url, preset: preset, options: options))
    }

    @Test func windows1251FileIsRefusedWithAHintAsUTF8() throws {
        let url = presetFixtures.appendingPathComponent("vk-ads-windows-1251.csv")
        let error = try #require(fileError { _ = try spend(url, preset: .vkAds) })
        #expect(error.description.hasPrefix("vk-ads-windows-1251.csv: line 1: not UTF-8 text: byte 0xC4 at byte offset 0"))
        #expect(error.description.contains("--encoding windows-1251"))
    }

    @Test func windows1251FileKeepsTwoCyrillicCampaignsApart() throws {
        let url = presetFixtures.appendingPathComponent("vk-ads-windows-1251.csv")
        let items = try spend(url, preset: .vkAds, encoding: .windows1251)
        let rows = items.compactMap(\.record)
        #expect(rows.count == 3, "\(items.compactMap(\.error))")
        #expect(rows.map(\.campaign) == ["Осень", "Весна", "Осень"])
        #expect(rows.map(\.campaignKey) == ["осень", "весна", "осень"])
        #expect(rows.map(\.amount.minorUnits) == [150_050, 200_000, 99_999])
        #expect(rows.allSatisfy { $0.amount.currency == .rub && $0.platform == .vk })
        #expect(rows.map(\.clicks) == [10, 20, 11])
    }

    @Test(arguments: [
        ([0xFF, 0xFE] + Array("d\0a\0".utf8), "UTF-16 LE"),
        ([0xFE, 0xFF] + Array("\0d\0a".utf8), "UTF-16 BE"),
        (Array("d\0a\0t\0e\0".utf8), "UTF-16 LE"),
        (Array("\0d\0a\0t\0e".utf8), "UTF-16 BE"),
        ([0xFF, 0xFE, 0, 0] + Array("d\0\0\0".utf8), "UTF-32"),
        (Array("PK".utf8) + [3, 4, 20, 0], "ZIP archive"),
        (Array("%PDF-1.7\n".utf8), "PDF"),
    ] as [([UInt8], String)])
    func notTextIsNamedForWhatItIs(bytes: [UInt8], what: String) throws {
        let folder = TemporaryFolder()
        for name in ["x.csv", "x.json", "x.ndjson"] {
            let url = folder.file(name, bytes: bytes)
            let error = try #require(fileError { _ = try spend(url) }, "\(name)")
            #expect(error.description.hasPrefix("\(name): "), "\(error)")
            #expect(error.description.contains(what), "\(error)")
        }
    }

    @Test func utf8ByteOrderMarkIsAccepted() throws {
        let folder = TemporaryFolder()
        let url = folder.file(
            "bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("date,campaign,amount,currency\n2026-10-01,осень,1,RUB\n".utf8))
        #expect(try spend(url).compactMap(\.record).map(\.campaignKey) == ["осень"])
    }

    @Test func aUTF8ByteOrderMarkContradictsWindows1251() throws {
        let folder = TemporaryFolder()
        let url = folder.file("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("date,campaign\n".utf8))
        let error = try #require(fileError { _ = try spend(url, encoding: .windows1251) })
        #expect(error.description.contains("UTF-8 byte order mark"))
    }

    @Test func invalidUTF8InACSVNamesItsLineAndOffset() throws {
        let folder = TemporaryFolder()
        let bytes =
            Array("date,campaign,amount,currency\n2026-10-01,осень,1,RUB\n2026-10-02,".utf8) + [0xCE, 0xF1]
            + Array(",1,RUB\n".utf8)
        let error = try #require(fileError { _ = try spend(folder.file("bad.csv", bytes: bytes)) })
        #expect(error.description.hasPrefix("bad.csv: line 3: not UTF-8 text: byte 0xCE at byte offset 69"), "\(error)")
    }

    @Test func aSequenceCutOffAtTheEndIsInvalid() throws {
        let folder = TemporaryFolder()
        let bytes = Array("{\"a\": \"ж".utf8) + [0xD0]
        let error = try #require(fileError { _ = try readAll(try RecordReader(url: folder.file("cut.ndjson", bytes: bytes))) })
        #expect(error.description.hasPrefix("cut.ndjson: line 1: not UTF-8 text: byte 0xD0 at byte offset 9"), "\(error)")
    }

    /// Multi-byte characters split across every possible chunk boundary read exactly (the tail waits for the next
    /// chunk), in both readers.
    @Test(arguments: [16, 17, 18, 19, 23])
    func cyrillicAcrossChunkBoundaries(chunkSize: Int) throws {
        let folder = TemporaryFolder()
        var csv = "дата;кампания;сумма\n"
        var expected: [String] = []
        for index in 0..<40 {
            let name = "Кампания «Ёлка» № \(index) — ₽"
            expected.append(name)
            csv += "2026-10-01;\(name);\(index)\n"
        }
        let table = try readAll(try TableReader(url: folder.file("t.csv", csv), chunkSize: chunkSize))
        #expect(table.compactMap { $0.objectValue?["кампания"]?.scalarText } == expected)
        let lines = expected.map { "{\"c\": \"\($0)\"}" }.joined(separator: "\n")
        let ndjson = try readAll(try RecordReader(url: folder.file("t.ndjson", lines), chunkSize: chunkSize))
        #expect(ndjson.compactMap { $0.objectValue?["c"]?.scalarText } == expected)
    }

    @Test(arguments: ["utf-8", "UTF8", "windows-1251", "cp1251", "1251"])
    func encodingNames(name: String) {
        #expect(TextEncoding(name: name) != nil)
    }

    @Test func windows1251DecodesEveryDefinedByte() throws {
        let folder = TemporaryFolder()
        let bytes = (0x80...0xFF).filter { $0 != 0x98 }.map(UInt8.init)
        let url = folder.file("all.ndjson", bytes: Array("{\"s\": \"".utf8) + bytes + Array("\"}\n".utf8))
        let records = try readAll(try RecordReader(url: url, encoding: .windows1251))
        let text = try #require(records.first?.objectValue?["s"]?.scalarText)
        #expect(text.hasSuffix("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя"))
        #expect(text.hasPrefix("ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—™"))
        #expect(text.contains("Ё©Є«¬\u{AD}®Ї°±Ііґµ¶·ё№"))
        let undefined = folder.file("x98.ndjson", bytes: Array("{}\n{\"s\": \"".utf8) + [0x98] + Array("\"}".utf8))
        let error = try #require(fileError { _ = try readAll(try RecordReader(url: undefined, encoding: .windows1251)) })
        #expect(error.description.hasPrefix("x98.ndjson: line 2: byte 0x98 at byte offset 10"), "\(error)")
    }
}
