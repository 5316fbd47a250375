import Foundation
import LeadTrailCore
import LeadTrailImport
import Testing

/// Issue 16: Meta leads as marketers download them — the Leads Center CSV and the Graph API page nested under each
/// form — read by `--preset meta-lead-ads` (docs/presets.md §2).
@Suite struct MetaLeadsTests {
    private func items(_ name: String) throws -> [ImportItem<FormRecord>] {
        try readAll(
            try ImportStream(forms: presetFixtures.appendingPathComponent(name), preset: .metaLeadAds, options: options))
    }

    @Test func leadsCenterCSV() throws {
        let items = try items("meta-leads-center.csv")
        #expect(items.count == 3)
        let polina = try #require(items[0].record, "\(items.map(\.outcome))")
        #expect(polina.externalID == "7920042683327001")
        #expect(polina.name == "Полина Воробьёва")
        #expect(polina.phone?.description == "+79172190040")
        #expect(polina.email?.description == "polina.vorobyova@example.ru")
        #expect(polina.form == "Заявка на курс")
        #expect(polina.submittedAt == (try Timestamp.parse("2026-10-30T06:56:43+03:00", timeZone: utc)))
        #expect(polina.utm.source == "instagram")
        #expect(polina.utm.campaign == "ig_stories_oct")
        #expect(polina.utm.content == "stories_teacher")
        #expect(polina.fields?["ad_id"] == .string("120211000000001"))
        #expect(polina.fields?["campaign_id"] == .string("120211000000003"))
        #expect(polina.fields?["какой_курс_вас_интересует?"] == .string("SMM с нуля"))
        // Organic: `is_organic` as text, no ad fields, no touch.
        let oleg = try #require(items[1].record)
        #expect(oleg.utm.source == nil && oleg.utm.campaign == nil)
        #expect(oleg.fields?["is_organic"] == .bool(true))
        // Meta's test lead is skipped and counted.
        #expect(items[2].isSkipped)
    }

    @Test func graphAPIPageNestedUnderEachForm() throws {
        let items = try items("meta-lead-ads-nested.json")
        let leads = items.compactMap(\.record)
        #expect(leads.count == 3, "\(items.compactMap(\.error))")
        #expect(leads.map(\.externalID) == ["7920042683328001", "7920042683328002", "7920042683328003"])
        #expect(leads.map(\.form) == ["Заявка на курс", "Заявка на курс", "Консультация"])
        #expect(leads.map(\.utm.source) == ["instagram", "facebook", nil])
        #expect(leads[0].phone?.description == "+79035550101")
        #expect(items.map(\.number) == [1, 1, 2])
    }

    @Test func aCSVWithoutThePresetSaysWhatFormsRead() throws {
        let url = presetFixtures.appendingPathComponent("meta-leads-center.csv")
        let error = try #require(fileError { _ = try ImportStream(forms: url, options: options) })
        #expect(error.description.contains("--preset meta-lead-ads"), "\(error)")
    }
}
