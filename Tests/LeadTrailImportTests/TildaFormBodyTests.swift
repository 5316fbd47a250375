import Foundation
import LeadTrailCore
import LeadTrailImport
import Testing

/// Issue 16: `--preset tilda` recognises raw `application/x-www-form-urlencoded` bodies, one submission a line.
@Suite struct TildaFormBodyTests {
    @Test func rawFormBodiesOneALine() throws {
        let url = presetFixtures.appendingPathComponent("tilda-urlencoded.txt")
        let items = try readAll(try ImportStream(forms: url, preset: .tilda, options: options))
        #expect(items.count == 3)
        #expect(items[0].isSkipped)  // test=test, Tilda's connection probe
        let anna = try #require(items[1].record, "\(items.map(\.outcome))")
        #expect(anna.name == "Анна Белова")
        #expect(anna.phone?.description == "+79165550102")
        #expect(anna.email?.description == "anna.belova@example.ru")
        #expect(anna.externalID == "6731045:7700000001")
        #expect(anna.utm.campaign == "vk_autumn_sale")
        #expect(anna.fields?["Comments"] == .string("Хочу на курс, срочно & недорого"))
        let ivan = try #require(items[2].record)
        #expect(ivan.utm.source == "telegram")
        #expect(items.map(\.number) == [1, 2, 4])
    }

    /// A checkbox group or `services[]=…` sends one name several times: every value is kept, joined by `; ` as
    /// Tilda joins a group's values (it kept the last alone: "SMM" was lost).
    @Test func aFieldGivenTwiceKeepsBothValues() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tilda-repeat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("bodies.txt")
        let body =
            "Name=%D0%90%D0%BD%D0%BD%D0%B0&Phone=%2B79165550102&%D0%A3%D1%81%D0%BB%D1%83%D0%B3%D0%B8=SMM"
            + "&%D0%A3%D1%81%D0%BB%D1%83%D0%B3%D0%B8=%D0%A2%D0%B0%D1%80%D0%B3%D0%B5%D1%82&services[]=a&services[]=&services[]=b"
            + "&tranid=6731045:1&formid=form1\n"
        try Data(body.utf8).write(to: url)
        let items = try readAll(try ImportStream(forms: url, preset: .tilda, options: options))
        let anna = try #require(items.first?.record, "\(items.map(\.outcome))")
        #expect(anna.fields?["Услуги"] == .string("SMM; Таргет"), "\(String(describing: anna.fields))")
        #expect(anna.fields?["services[]"] == .string("a; b"), "\(String(describing: anna.fields))")
    }

    @Test func jsonStillReadsAsJSON() throws {
        let items = try readAll(
            try ImportStream(
                forms: presetSamples.appendingPathComponent("tilda-forms.json"), preset: .tilda, options: options))
        #expect(items.count == 8)
        #expect(items.compactMap(\.record).count == 7)
    }
}
