import Foundation
import LeadTrailCore
import LeadTrailImport
import Testing

/// Issue 11, errors a person can act on (the reader's part): a pretty-printed object is a record, a platform export
/// without its preset names the preset, a CSV given to a JSON import says so, and a `--map` typo is named.
@Suite struct ReaderErrorTests {
    @Test func aPrettyPrintedObjectIsOneRecord() throws {
        let folder = TemporaryFolder()
        let text = "{\n  \"submitted_at\": \"2026-10-05T10:00:00Z\",\n  \"email\": \"a@b.ru\",\n  \"fields\": {\"x\": [1,\n 2]}\n}\n"
        let reader = try RecordReader(url: folder.file("one.json", text))
        #expect(reader.layout == .concatenated)
        let records = try readAll(reader)
        #expect(records.count == 1)
        #expect(records[0].objectValue?["email"] == .string("a@b.ru"))
        let items = try readAll(try ImportStream(forms: folder.file("one.json", text), options: options))
        #expect(items.first?.record?.email?.description == "a@b.ru", "\(items.map(\.outcome))")
    }

    @Test func prettyPrintedObjectsOneAfterAnother() throws {
        let folder = TemporaryFolder()
        let text = "{\n \"a\": 1\n}\n\n{\n \"a\": 2\n}\n"
        let records = try readAll(try RecordReader(url: folder.file("two.json", text)))
        #expect(records.map { $0.objectValue?["a"] } == [.number("1"), .number("2")])
        #expect(records.map(\.line) == [1, 5])
        let broken = folder.file("broken.json", "{\n \"a\": 1,\n \"b\": \n}\n")
        let error = try #require(fileError { _ = try readAll(try RecordReader(url: broken)) })
        #expect(error.description.hasPrefix("broken.json: record 1: invalid JSON"), "\(error)")
        #expect(error.description.contains("line 4"), "\(error)")
    }

    @Test func oneLineObjectsStayNDJSON() throws {
        let folder = TemporaryFolder()
        let reader = try RecordReader(url: folder.file("a.ndjson", "{\"a\": 1}\n{\"a\": 2,,}\n"))
        #expect(reader.layout == .ndjson)
        #expect(try readAll(reader).count == 2)
    }

    /// Russian Excel's CSV is Windows-1251: given to forms, the table is read, so its bytes are named with the
    /// `--encoding windows-1251` that reads them (it was refused for being a table). A JSON file in that encoding
    /// hears the same.
    @Test func aWindows1251CSVNamesTheEncodingThatReadsIt() throws {
        let folder = TemporaryFolder()
        let anna: [UInt8] = [0xC0, 0xED, 0xED, 0xE0]  // "Анна" in Windows-1251
        let table = folder.file(
            "leads.csv", bytes: Array("id,submitted_at,name,email\nf1,2026-10-01T10:00:00+03:00,".utf8) + anna
                + Array(",a@b.ru\n".utf8))
        let error = try #require(fileError { _ = try readAll(try ImportStream(forms: table, options: options)) })
        #expect(error.description.contains("not UTF-8 text"), "\(error)")
        #expect(error.description.contains("--encoding windows-1251"), "\(error)")
        var cp1251 = options
        cp1251.encoding = .windows1251
        let items = try readAll(try ImportStream(forms: table, options: cp1251))
        #expect(items.first?.record?.name == "Анна", "\(items.map(\.outcome))")
        let json = folder.file("forms.ndjson", bytes: Array(#"{"id": "f1", "name": ""#.utf8) + anna + Array("\"}\n".utf8))
        let third = try #require(fileError { _ = try ImportStream(forms: json, options: options) })
        #expect(third.description.contains("not UTF-8 text"), "\(third)")
        #expect(third.description.contains("--encoding windows-1251"), "\(third)")
    }

    /// A CSV given to a preset that reads JSON is named for what it is.
    @Test func aCSVGivenToAJSONPresetIsNamedForWhatItIs() throws {
        let folder = TemporaryFolder()
        let url = folder.file("leads.csv", "id,created_time,full_name,email\nl:1,2026-10-01,Анна,a@b.ru\n")
        let error = try #require(fileError { _ = try ImportStream(forms: url, preset: .vkLeadForms, options: options) })
        #expect(error.description.hasPrefix("leads.csv: line 1: this is a CSV/TSV table, not JSON"), "\(error)")
    }

    @Test(arguments: [
        (#"{"id": "1", "created_time": "2026-10-30T06:56:43+0000", "field_data": []}"#, "meta-lead-ads"),
        (#"{"Name": "Анна", "Phone": "+7 916 123-45-67", "tranid": "1:2", "formid": "form1"}"#, "tilda"),
        (#"{"type": "lead_forms_new", "object": {"lead_id": 1}}"#, "vk-lead-forms"),
    ])
    func aPlatformRecordWithoutItsPresetNamesThePreset(record: String, preset: String) throws {
        let folder = TemporaryFolder()
        let stream = try ImportStream(forms: folder.file("f.ndjson", record + "\n"), options: options)
        let item = try #require(try readAll(stream).first)
        let error = try #require(item.error)
        #expect(stream.fileError(error, at: item).description.hasSuffix("give --preset \(preset)"), "\(error)")
    }

    @Test func aGenericFormThatFailsGetsNoSuggestion() throws {
        let folder = TemporaryFolder()
        let stream = try ImportStream(forms: folder.file("f.ndjson", #"{"email": "a@b.ru"}"# + "\n"), options: options)
        let error = try #require(try readAll(stream).first?.error)
        #expect(!error.message.contains("--preset"))
    }

    @Test func aSpendExportWithoutItsPresetNamesThePreset() throws {
        var rub = options
        rub.defaultCurrency = .rub
        let error = try #require(
            fileError {
                _ = try readAll(
                    try ImportStream(spend: presetSamples.appendingPathComponent("meta-ads-en.csv"), options: rub))
            })
        #expect(error.description.hasPrefix("meta-ads-en.csv: line 1: this looks like a Meta Ads Manager export"))
        #expect(error.description.hasSuffix("give --preset meta-ads"))
        let yandex = try #require(
            fileError {
                _ = try readAll(
                    try ImportStream(spend: presetSamples.appendingPathComponent("yandex-direct.tsv"), options: rub))
            })
        #expect(yandex.description.hasSuffix("give --preset yandex-direct"), "\(yandex)")
    }

    @Test func aMapNamingAnUnknownFieldIsRefusedNamingIt() throws {
        let folder = TemporaryFolder()
        let map = try FieldMap(contentsOf: folder.file("map.json", #"{"fields": {"submited_at": "created"}}"#))
        var mapped = options
        mapped.map = map
        let error = try #require(
            fileError { _ = try ImportStream(forms: folder.file("f.ndjson", "{}\n"), options: mapped) })
        #expect(error.description.hasPrefix("map.json: unknown field 'submited_at' in \"fields\"; forms take submitted_at,"))
        let constant = try FieldMap(contentsOf: folder.file("c.json", #"{"constants": {"currancy": "RUB"}}"#))
        mapped.map = constant
        let spendError = try #require(
            fileError { _ = try ImportStream(spend: folder.file("s.csv", "a\n1\n"), options: mapped) })
        #expect(spendError.description.hasPrefix("c.json: unknown field 'currancy' in \"constants\"; spend take date,"))
    }
}
