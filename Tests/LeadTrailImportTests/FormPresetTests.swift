import Foundation
import LeadTrailCore
import LeadTrailImport
import Testing

@Suite struct TildaPresetTests {
    static let record = #"""
        {"Name":"Елена Андреева","Phone":"+7 (977) 388-41-31","Email":"andreeva.elena@mail.ru",
         "Comments":"Нужна консультация по продвижению салона красоты","tranid":"6731045:7692192387",
         "formid":"form812345678","COOKIES":"_ym_uid=1728951955459430526; _ym_d=1728951955; tildauid=1728951955184.574511; TILDAUTM=utm_source%3Dtelegram%7C%7C%7Cutm_medium%3Dcpc%7C%7C%7Cutm_campaign%3Dtg_channel_promo%7C%7C%7Cutm_term%3D%25d0%25ba%25d0%25b0%25d0%25ba%2B%25d0%25b2%25d0%25b5%25d1%2581%25d1%2582%25d0%25b8%7C%7C%7C; tildasid=1728951955289.900530"}
        """#

    @Test func mapsAWebhookRecord() throws {
        let folder = TemporaryFolder()
        let url = folder.file("tilda.json", "[{\"test\": \"test\"},\n" + Self.record + "]")
        let items = try readAll(try ImportStream(forms: url, preset: .tilda, options: options))
        #expect(items.count == 2)
        #expect(items[0].isSkipped)
        let form = try #require(items[1].record)
        #expect(form.externalID == "6731045:7692192387")
        #expect(form.key == "6731045:7692192387")
        #expect(form.name == "Елена Андреева")
        #expect(form.phone?.e164 == "+79773884131")
        #expect(form.email?.normalized == "andreeva.elena@mail.ru")
        #expect(form.form == "form812345678")
        #expect(form.submittedAt == importTime)
        // The cookies' `_ym_uid` is Yandex Metrica's client id: the visitor, and kept for conversion exports.
        #expect(form.visitor == "1728951955459430526")
        #expect(form.utm == UTM(source: "telegram", medium: "cpc", campaign: "tg_channel_promo", term: "как вести"))
        #expect(
            form.fieldsJSON
                == #"{"Comments":"Нужна консультация по продвижению салона красоты","_ym_uid":"1728951955459430526"}"#)
    }

    @Test func explicitUTMFieldsWinOverTheCookie() throws {
        var source = object(Self.record)
        source.set("utm_campaign", .string("Осень"))
        source.set("formname", .string("Заявка"))
        let generic = try #require(try FormPreset.tilda.genericObject(from: source, options: options))
        let form = try FormRecord(generic: generic, options: options)
        #expect(form.utm.campaign == "Осень")
        #expect(form.utm.source == "telegram")
        #expect(form.form == "Заявка")
    }

    @Test func readsTheSampleFile() throws {
        let url = presetSamples.appendingPathComponent("tilda-forms.json")
        let items = try readAll(try ImportStream(forms: url, preset: .tilda, options: options))
        #expect(items.first?.isSkipped == true)
        #expect(items.count > 1)
        for item in items.dropFirst() {
            let form = try #require(item.record, "record \(item.number): \(String(describing: item.error))")
            #expect(form.externalID?.hasPrefix("6731045:") == true)
            #expect(form.phone != nil)
            #expect(form.utm.source != nil)
            #expect(form.submittedAt == importTime)
        }
    }
}

@Suite struct MetaLeadAdsPresetTests {
    static let lead = #"""
        {"created_time": "2026-10-30T06:56:43+0000", "id": "7920042683327539", "ad_id": "120210455871230199",
         "ad_name": "stories_teacher", "adset_id": "120210455871230155", "adset_name": "Женщины 22-40",
         "campaign_id": "120210455871230142", "campaign_name": "ig_stories_oct",
         "field_data": [{"name": "full_name", "values": ["Полина Воробьёва"]},
                        {"name": "email", "values": ["p.vorobeva@yandex.ru"]},
                        {"name": "phone_number", "values": ["+79172190040"]},
                        {"name": "city", "values": ["Москва"]}],
         "form_id": "1184520394471126", "is_organic": false, "platform": "ig"}
        """#

    @Test func mapsALeadObject() throws {
        let generic = try #require(try FormPreset.metaLeadAds.genericObject(from: object(Self.lead), options: options))
        let form = try FormRecord(generic: generic, options: options)
        #expect(form.externalID == "7920042683327539")
        #expect(form.submittedAt == (try Timestamp.parse("2026-10-30T06:56:43Z", timeZone: utc)))
        #expect(form.name == "Полина Воробьёва")
        #expect(form.email?.normalized == "p.vorobeva@yandex.ru")
        #expect(form.phone?.e164 == "+79172190040")
        #expect(
            form.utm
                == UTM(
                    source: "instagram", medium: "paid_social", campaign: "ig_stories_oct", content: "stories_teacher"))
        #expect(form.visitor == nil)
        #expect(form.fields?["city"] == .string("Москва"))
        #expect(form.fields?["ad_id"] == .string("120210455871230199"))
        #expect(form.fields?["is_organic"] == .bool(false))
    }

    @Test func leadUTMFieldsAndOrganicLeadsGetNoDefaults() throws {
        var withUTM = object(Self.lead)
        withUTM.set(
            "field_data",
            .array([
                .object(object(#"{"name": "first_name", "values": ["Анна"]}"#)),
                .object(object(#"{"name": "last_name", "values": ["Ли"]}"#)),
                .object(object(#"{"name": "phone_number", "values": ["+79172190040"]}"#)),
                .object(object(#"{"name": "utm_source", "values": ["partner"]}"#)),
            ]))
        let form = try FormRecord(
            generic: try #require(try FormPreset.metaLeadAds.genericObject(from: withUTM, options: options)),
            options: options)
        #expect(form.name == "Анна Ли")
        #expect(form.utm == UTM(source: "partner"))
        var organic = object(Self.lead)
        organic.set("is_organic", .bool(true))
        organic.remove("campaign_name")
        organic.remove("ad_name")
        let organicForm = try FormRecord(
            generic: try #require(try FormPreset.metaLeadAds.genericObject(from: organic, options: options)),
            options: options)
        #expect(organicForm.utm.isEmpty)
        var facebook = object(Self.lead)
        facebook.set("platform", .string("fb"))
        let fb = try FormRecord(
            generic: try #require(try FormPreset.metaLeadAds.genericObject(from: facebook, options: options)),
            options: options)
        #expect(fb.utm.source == "facebook")
    }

    @Test func readsArraysNDJSONAndTheSamplePage() throws {
        let folder = TemporaryFolder()
        let flat = Self.lead.replacingOccurrences(of: "\n", with: " ")
        let ndjson = try readAll(
            try ImportStream(
                forms: folder.file("leads.ndjson", flat + "\n" + flat + "\n"), preset: .metaLeadAds, options: options))
        #expect(ndjson.compactMap(\.record).count == 2)
        let array = try readAll(
            try ImportStream(forms: folder.file("leads.json", "[" + flat + "]"), preset: .metaLeadAds, options: options)
        )
        #expect(array.compactMap(\.record).count == 1)
        let sample = try readAll(
            try ImportStream(
                forms: presetSamples.appendingPathComponent("meta-lead-ads.json"), preset: .metaLeadAds,
                options: options))
        #expect(sample.count == 7)
        let forms = sample.compactMap(\.record)
        #expect(forms.count == 7)
        #expect(forms.allSatisfy { $0.externalID != nil && $0.phone != nil && $0.name != nil })
        #expect(forms.filter { $0.utm.isEmpty }.count == 1)  // the organic lead
        #expect(forms.filter { $0.utm.medium == "paid_social" }.count == 6)
    }

    @Test func missingTimeIsAnError() {
        var source = object(Self.lead)
        source.remove("created_time")
        #expect(
            recordError { try FormPreset.metaLeadAds.genericObject(from: source, options: options) }?.field
                == "created_time")
    }
}

@Suite struct VKLeadFormsPresetTests {
    static let event = #"""
        {"group_id":218406577,"type":"lead_forms_new","event_id":"316c822f","v":"5.199",
         "object":{"lead_id":4005376,"group_id":218406577,"user_id":718111871,"form_id":3,
                   "form_name":"Заявка на курс SMM","ad_id":168834257,
                   "answers":[{"key":"first_name","question":"Имя","answer":"Полина"},
                              {"key":"phone_number","question":"Номер телефона","answer":"+79030646411"},
                              {"key":"email","question":"Электронная почта","answer":"sokolova.polina@bk.ru"},
                              {"key":"custom_0","question":"Какой курс вас интересует?","answer":"SMM с нуля"}]}}
        """#

    @Test func mapsACallbackEvent() throws {
        let folder = TemporaryFolder()
        let url = folder.file("vk.json", "[" + Self.event + ", {\"type\": \"confirmation\", \"group_id\": 1}]")
        let items = try readAll(try ImportStream(forms: url, preset: .vkLeadForms, options: options))
        #expect(items.count == 2)
        #expect(items[1].isSkipped)
        let form = try #require(items[0].record)
        #expect(form.externalID == "vk:218406577:4005376")
        #expect(form.name == "Полина")
        #expect(form.phone?.e164 == "+79030646411")
        #expect(form.email?.normalized == "sokolova.polina@bk.ru")
        #expect(form.form == "Заявка на курс SMM")
        #expect(form.submittedAt == importTime)
        #expect(form.visitor == nil)
        #expect(
            form.utm == UTM(source: "vk", medium: "paid_social", campaign: "Заявка на курс SMM", content: "168834257"))
        #expect(form.fields?["custom_0"] == .string("SMM с нуля"))
        #expect(form.fields?["user_id"] == .number("718111871"))
    }

    @Test func readsTheSampleFile() throws {
        let items = try readAll(
            try ImportStream(
                forms: presetSamples.appendingPathComponent("vk-lead-forms.json"), preset: .vkLeadForms,
                options: options))
        #expect(items.count == 6)
        let forms = items.compactMap(\.record)
        #expect(forms.count == 6)
        #expect(forms.allSatisfy { $0.externalID?.hasPrefix("vk:218406577:") == true && $0.phone != nil })
        #expect(forms.contains { $0.utm.medium == "social" })  // the event without ad_id
    }
}
