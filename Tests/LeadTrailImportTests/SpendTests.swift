import Foundation
import LeadTrailCore
import LeadTrailImport
import Testing

@Suite struct SpendTests {
    @Test func genericCSVWithRussianNumberForms() throws {
        let folder = TemporaryFolder()
        let csv =
            "\u{FEFF}date;campaign;amount;currency;platform;impressions;reach;clicks;engagements\r\n"
            + "2026-10-01; VK_Autumn_Sale ;\"1 234,50\";RUB;vk;\"12\u{00A0}345\";;99;\r\n"
            + "\r\n"
            + "2026-10-02;vk_autumn_sale;12.5;RUB;;1;2;3;4\r\n"
        let stream = try ImportStream(spend: folder.file("spend.csv", csv), options: options)
        let items = try readAll(stream)
        #expect(items.count == 2)
        let first = try #require(items[0].record)
        #expect(first.date == CalendarDate(year: 2026, month: 10, day: 1))
        #expect(first.campaign == "VK_Autumn_Sale")
        #expect(first.campaignKey == "vk_autumn_sale")
        #expect(first.amount == Money(minorUnits: 123_450, currency: .rub))
        #expect(first.platform == .vk)
        #expect(first.impressions == 12_345)
        #expect(first.reach == 0)
        #expect(first.clicks == 99)
        #expect(items[1].number == 2)
        #expect(items[1].line == 4)
        #expect(items[1].record?.engagements == 4)
    }

    @Test func russianFormsAreNotAcceptedInJSON() throws {
        let folder = TemporaryFolder()
        let url = folder.file(
            "spend.json", #"[{"date": "2026-10-01", "campaign": "x", "amount": "1 234,50", "currency": "RUB"}]"#)
        let items = try readAll(try ImportStream(spend: url, options: options))
        #expect(items[0].error?.field == "amount")
    }

    @Test func rowErrorsNameDataRowAndLine() throws {
        let folder = TemporaryFolder()
        let csv =
            "date,campaign,amount,currency,clicks\n2026-10-01,a,1,RUB,2\n2026-02-30,a,1,RUB,2\n2026-10-03,a,1,RUB,-2\n"
        let stream = try ImportStream(spend: folder.file("spend.csv", csv), options: options)
        let items = try readAll(stream)
        let dateError = try #require(items[1].error)
        #expect(dateError.field == "date")
        #expect(
            stream.fileError(dateError, at: items[1]).description.hasPrefix(
                "spend.csv: data row 2, line 3: field 'date': invalid date '2026-02-30'"))
        #expect(items[2].error?.field == "clicks")
    }

    @Test func quotedValuesWithDelimitersAndLineBreaks() throws {
        let folder = TemporaryFolder()
        let csv =
            "date,campaign,amount,currency\n2026-10-01,\"Осень, \"\"старт\"\"\nвторая строка\",10,RUB\n2026-10-02,b,1,RUB\n"
        let items = try readAll(try ImportStream(spend: folder.file("spend.csv", csv), options: options))
        #expect(items.count == 2)
        #expect(items[0].record?.campaign == "Осень, \"старт\"\nвторая строка")
        #expect(items[0].text == "2026-10-01,\"Осень, \"\"старт\"\"\nвторая строка\",10,RUB")
        #expect(items[1].line == 4)
    }

    @Test func metaAdsEnglishAndRussianSamples() throws {
        let usd = try Currency(code: "USD")
        for name in ["meta-ads-en.csv", "meta-ads-ru.csv"] {
            let items = try readAll(
                try ImportStream(spend: presetSamples.appendingPathComponent(name), preset: .metaAds, options: options))
            #expect(items.count == 31, "\(name)")
            let rows = items.compactMap(\.record)
            #expect(rows.count == 31, "\(name): \(items.compactMap(\.error))")
            #expect(
                rows.allSatisfy {
                    $0.campaignKey == "ig_stories_oct" && $0.amount.currency == usd && $0.platform == nil
                })
            #expect(rows.first?.date == CalendarDate(year: 2026, month: 10, day: 1))
        }
    }

    @Test func metaAdsRowMapping() throws {
        let folder = TemporaryFolder()
        let csv =
            "Reporting starts,Reporting ends,Campaign name,Показ кампании,Amount spent (EUR),Impressions,Reach,Link clicks,Clicks (all),Post engagements\n"
            + "2026-10-01,2026-10-01,IG_Stories_Oct,active,15.84,2961,2354,,40,56\n"
            + ",,,,100.00,5000,4000,,80,90\n"
            + "2026-10-01,2026-10-07,IG_Stories_Oct,active,15.84,2961,2354,19,40,56\n"
        let items = try readAll(
            try ImportStream(spend: folder.file("meta.csv", csv), preset: .metaAds, options: options))
        let row = try #require(items[0].record)
        #expect(row.amount == Money(minorUnits: 1584, currency: .eur))
        #expect(row.impressions == 2961)
        #expect(row.reach == 2354)
        #expect(row.clicks == 0)
        #expect(row.engagements == 56)
        #expect(items[1].isSkipped)
        #expect(items[2].error?.message.contains("not a daily export") == true)
    }

    @Test func vkAdsSample() throws {
        let items = try readAll(
            try ImportStream(
                spend: presetSamples.appendingPathComponent("vk-ads.csv"), preset: .vkAds, options: options))
        let rows = items.compactMap(\.record)
        #expect(rows.count == items.count)
        #expect(rows.count == 109)
        #expect(rows.allSatisfy { $0.platform == .vk && $0.amount.currency == .rub && $0.amount.minorUnits > 0 })
        #expect(rows.first?.date == CalendarDate(year: 2026, month: 10, day: 1))
    }

    @Test func vkAdsRowMapping() throws {
        let folder = TemporaryFolder()
        let csv =
            "\u{FEFF}Дата;Кампания;ID кампании;Показы;Клики;Охват;Потрачено, ₽;CTR, %;eCPC, ₽\n"
            + "01.10.2026;vk_autumn_sale;53811207;12 764;84;8802;2\u{00A0}205,45;0,66;26,26\n"
            + "Итого;;;12764;84;8802;2 205,45;;\n"
        let items = try readAll(try ImportStream(spend: folder.file("vk.csv", csv), preset: .vkAds, options: options))
        let row = try #require(items[0].record)
        #expect(row.date == CalendarDate(year: 2026, month: 10, day: 1))
        #expect(row.amount == Money(minorUnits: 220_545, currency: .rub))
        #expect(row.impressions == 12_764)
        #expect(row.clicks == 84)
        #expect(row.reach == 8802)
        #expect(items[1].isSkipped)
    }

    @Test func yandexDirectSampleInMicros() throws {
        var rub = options
        rub.defaultCurrency = .rub
        let url = presetSamples.appendingPathComponent("yandex-direct.tsv")
        let items = try readAll(try ImportStream(spend: url, preset: .yandexDirect, options: rub))
        let rows = items.compactMap(\.record)
        #expect(rows.count == 122)
        #expect(rows.count == items.count)
        #expect(rows.allSatisfy { $0.platform == .yandex && $0.amount.currency == .rub })
        let noCurrency = try readAll(try ImportStream(spend: url, preset: .yandexDirect, options: options))
        #expect(noCurrency.first?.error?.field == "currency")
    }

    @Test func yandexDirectRowMapping() throws {
        var rub = options
        rub.defaultCurrency = .rub
        let folder = TemporaryFolder()
        let tsv =
            "\"Отчёт (2026-10-01 - 2026-10-02)\"\nDate\tCampaignId\tCampaignName\tImpressions\tClicks\tCost\n"
            + "2026-10-01\t1\tyandex_search_brand\t434\t37\t406620000\n"
            + "2026-10-02\t1\tyandex_search_brand\t--\t0\t0\n"
            + "Total rows: 2\n"
        let items = try readAll(
            try ImportStream(spend: folder.file("ya.tsv", tsv), preset: .yandexDirect, options: rub))
        #expect(items.count == 2)
        let micros = try #require(items[0].record)
        #expect(micros.amount == Money(minorUnits: 40_662, currency: .rub))
        #expect(micros.impressions == 434)
        #expect(items[0].line == 3)
        let zero = try #require(items[1].record)
        #expect(zero.amount == Money(minorUnits: 0, currency: .rub))
        #expect(zero.impressions == 0)
    }
}

@Suite struct FieldMapTests {
    @Test func renamesPathsAndAddsConstants() throws {
        let folder = TemporaryFolder()
        let mapURL = folder.file(
            "map.json",
            #"{"fields": {"submitted_at": "created", "phone": "contact.phone", "name": "answers.0.value"}, "constants": {"form": "Квиз"}}"#
        )
        let map = try FieldMap(contentsOf: mapURL)
        var mapped = options
        mapped.map = map
        let data = folder.file(
            "quiz.ndjson",
            #"{"created": "2026-10-05T12:00:00+03:00", "contact": {"phone": "8 916 123-45-67"}, "answers": [{"value": "Анна"}], "email": "a@b.ru"}"#
                + "\n")
        let items = try readAll(try ImportStream(forms: data, options: mapped))
        let form = try #require(items[0].record)
        #expect(form.phone?.e164 == "+79161234567")
        #expect(form.name == "Анна")
        #expect(form.form == "Квиз")
        #expect(form.email?.normalized == "a@b.ru")  // unmapped generic fields still work
        #expect(form.submittedAt == (try Timestamp.parse("2026-10-05T09:00:00Z", timeZone: utc)))
    }

    @Test(arguments: [
        ("[]", "not a valid map file"),
        (#"{"fields": {"a": 1}}"#, "must be a source field"),
        (#"{"feilds": {}}"#, "unknown key 'feilds'"),
        (#"{"fields": {"a": "b"}, "constants": {"a": "c"}}"#, "both"),
        ("{", "not a valid map file"),
    ])
    func badMapFilesGiveClearErrors(text: String, expected: String) {
        let folder = TemporaryFolder()
        let url = folder.file("map.json", text)
        do {
            _ = try FieldMap(contentsOf: url)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("map.json: "))
            #expect(error.description.contains(expected), "\(error)")
        }
    }

    /// A `--map` that names nothing or a folder is refused in the words an import file gets, never Foundation's
    /// ("NSCocoaErrorDomain error 256" for a folder, found by hand).
    @Test func aMissingOrFolderMapFileIsNamedPlainly() {
        let folder = TemporaryFolder()
        let inside = folder.url.appendingPathComponent("maps")
        try? FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        for (url, expected) in [
            (folder.url.appendingPathComponent("nothere.json"), "nothere.json: no such file"),
            (inside, "maps: is a directory, not a file"),
        ] {
            do {
                _ = try FieldMap(contentsOf: url)
                Issue.record("expected an error for \(url.lastPathComponent)")
            } catch {
                #expect(error.description == expected)
                #expect(!error.description.contains("NSCocoaErrorDomain"))
            }
        }
    }
}
