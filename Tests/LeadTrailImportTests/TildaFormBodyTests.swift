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

    @Test func jsonStillReadsAsJSON() throws {
        let items = try readAll(
            try ImportStream(forms: presetSamples.appendingPathComponent("tilda-forms.json"), preset: .tilda, options: options))
        #expect(items.count == 8)
        #expect(items.compactMap(\.record).count == 7)
    }
}
