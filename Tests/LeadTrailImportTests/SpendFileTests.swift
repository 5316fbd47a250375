import Foundation
import LeadTrailCore
import LeadTrailImport
import Testing

/// SPEC "Precise rules", Spend: in a preset's file rows sharing a day and campaign are summed, a total row the
/// platform writes must agree with the sum, and nothing disappears silently (issue 16).
@Suite struct SpendFileTests {
    private func stream(
        _ url: URL, _ preset: SpendPreset, currency: Currency? = nil, micros: Bool? = nil, map: FieldMap? = nil,
        allowsEmpty: Bool = false
    ) throws -> ImportStream<SpendRecord> {
        var options = options
        options.defaultCurrency = currency
        options.moneyInMicros = micros
        options.map = map
        options.allowsEmpty = allowsEmpty
        return try ImportStream(spend: url, preset: preset, options: options)
    }

    private func fixture(_ name: String) -> URL { presetFixtures.appendingPathComponent(name) }

    @Test func metaAdLevelRowsOfOneDayAndCampaignAreSummedAndCheckedAgainstTheTotalRow() throws {
        let items = try readAll(try stream(fixture("meta-ads-ad-level-idr.csv"), .metaAds))
        #expect(items.count == 7)
        #expect(items[0].isSkipped)  // the total row
        let rows = items.compactMap(\.record)
        #expect(rows.count == 3, "\(items.compactMap(\.error))")
        let idr = try Currency(code: "IDR")
        // 45000 + 30500 + 12000 ("autumn_sale " is the same key), then 5000, then 41000 + 0.
        #expect(rows.map(\.campaignKey) == ["autumn_sale", "winter_promo", "autumn_sale"])
        #expect(rows.map(\.campaign) == ["Autumn_Sale", "Winter_Promo", "Autumn_Sale"])
        #expect(rows.map(\.amount) == [87_500, 5_000, 41_000].map { Money(minorUnits: $0 * 100, currency: idr) })
        #expect(rows.map(\.impressions) == [2_500, 200, 1_100])
        #expect(rows.map(\.clicks) == [46, 0, 25])
        #expect(rows.map(\.date.description) == ["2026-10-01", "2026-10-01", "2026-10-02"])
        // Every file row is accounted for: 3 records, the total row, 3 rows summed into others.
        #expect(items.filter(\.isSkipped).count == 4)
        if case .skipped(let reason) = items[2].outcome { #expect(reason.contains("summed into data row 2")) }
    }

    @Test func aTotalRowThatDisagreesRefusesTheFileNamingBothFigures() throws {
        let error = try #require(
            fileError { _ = try readAll(try stream(fixture("meta-ads-total-mismatch.csv"), .metaAds)) })
        #expect(
            error.description
                == "meta-ads-total-mismatch.csv: data row 1, line 2: the export's total row says 133500.00 IDR but its"
                + " rows add up to 103000.00 IDR: rows are missing or the total is not of this file")
    }

    @Test func metaAdSetLevelExportIsRefusedNamingTheColumns() throws {
        let error = try #require(
            fileError { _ = try readAll(try stream(fixture("meta-ads-adset-level.csv"), .metaAds)) })
        #expect(error.description.hasPrefix("meta-ads-adset-level.csv: line 1: a Meta Ads export at ad set level"))
        #expect(error.description.contains("Ad Set Name"))
        #expect(error.description.contains("--map"))
    }

    @Test func metaAdSetLevelExportReadsWithAMap() throws {
        let map = FieldMap(fields: [(generic: "campaign", source: "Ad Set Name")])
        let items = try readAll(try stream(fixture("meta-ads-adset-level.csv"), .metaAds, map: map))
        let rows = items.compactMap(\.record)
        #expect(rows.map(\.campaignKey) == ["teachers_25_34", "teachers_35_44"])
        #expect(
            rows.map(\.amount) == [Money(minorUnits: 1_240, currency: .usd), Money(minorUnits: 810, currency: .usd)])
    }

    @Test func yandexDecimalCostsAreReadByTheFileNotByTheCell() throws {
        let items = try readAll(try stream(fixture("yandex-direct-decimal.tsv"), .yandexDirect, currency: .rub))
        let rows = items.compactMap(\.record)
        #expect(rows.count == 3, "\(items.compactMap(\.error))")
        // 200 and 10000 look like integers, but 1234.56 makes the whole file currency units.
        #expect(rows.map(\.amount.minorUnits) == [20_000, 1_000_000, 123_456])
        #expect(rows.map(\.campaignKey) == ["yandex_search_brand", "yandex_rsya_autumn", "yandex_search_brand"])
    }

    @Test func yandexMoneyInMicrosSaidByTheUserIsHeldToEveryCell() throws {
        let items = try readAll(
            try stream(fixture("yandex-direct-decimal.tsv"), .yandexDirect, currency: .rub, micros: true))
        // 200 micros is 0.0002 RUB: finer than a kopeck, so refused, never rounded.
        #expect(items[0].error?.field == "amount")
        #expect(items[2].error?.message.contains("not a whole number of micros") == true)
    }

    @Test func yandexTotalRowsMustMatchTheRowsRead() throws {
        let error = try #require(
            fileError {
                _ = try readAll(
                    try stream(fixture("yandex-direct-total-rows-mismatch.tsv"), .yandexDirect, currency: .rub))
            })
        #expect(
            error.description
                == "yandex-direct-total-rows-mismatch.tsv: line 5: the file's summary line says 'Total rows: 3' but 2"
                + " data rows were read: the file is cut short or was edited")
    }

    @Test func yandexMicrosFileSumsTwoCampaignsSharingANameOnADay() throws {
        let folder = TemporaryFolder()
        let tsv =
            "Date\tCampaignId\tCampaignName\tImpressions\tClicks\tCost\n"
            + "2026-10-01\t1\tbrand\t10\t1\t1230000\n"
            + "2026-10-01\t2\tBrand\t20\t2\t4560000\n"
            + "Total rows: 2\n"
        let items = try readAll(try stream(folder.file("ya.tsv", tsv), .yandexDirect, currency: .rub))
        let rows = items.compactMap(\.record)
        #expect(rows.count == 1)
        #expect(rows.first?.amount == Money(minorUnits: 579, currency: .rub))
        #expect(rows.first?.impressions == 30)
        #expect(items[1].isSkipped)
    }

    @Test(arguments: [
        (
            "no-rows.csv", "Reporting starts,Reporting ends,Campaign name,Amount spent (USD)\n",
            "the file has no rows of spend"
        ),
        (
            "skipped.csv",
            "Reporting starts,Reporting ends,Campaign name,Amount spent (USD)\n2026-10-01,2026-10-01,,\n",
            "all 1 rows were skipped"
        ),
    ])
    func aFileWithNoSpendIsAnErrorUnlessAllowed(name: String, text: String, message: String) throws {
        let folder = TemporaryFolder()
        let url = folder.file(name, text)
        let error = try #require(fileError { _ = try readAll(try stream(url, .metaAds)) })
        #expect(error.description.hasPrefix("\(name): \(message)"), "\(error)")
        #expect(error.description.contains("--allow-empty"))
        #expect(try readAll(try stream(url, .metaAds, allowsEmpty: true)).compactMap(\.record).isEmpty)
    }

    @Test func anEmptyGenericFileIsAnErrorToo() throws {
        let folder = TemporaryFolder()
        let error = try #require(fileError { _ = try readAll(try stream(folder.file("s.json", "[]"), .generic)) })
        #expect(error.description.hasPrefix("s.json: the file has no rows of spend"))
    }

    /// Session 24: a generic file sums the rows of a key as a preset's does (it kept the last, dropping an ad group).
    @Test func genericFileSumsTheRowsOfAKey() throws {
        let folder = TemporaryFolder()
        let csv = "date,campaign,amount,currency\n2026-10-01,a,1,RUB\n2026-10-01,A,2,RUB\n"
        let items = try readAll(try stream(folder.file("s.csv", csv), .generic))
        #expect(items.compactMap(\.record).map(\.amount.minorUnits) == [300])
        #expect(items.count == 2)
    }

    @Test func metaHeaderSpellingsSeenInRealFiles() throws {
        let folder = TemporaryFolder()
        // Title case, every cell quoted, U+00A0 inside a header, a Currency column instead of the header's code.
        let csv =
            "\"Campaign Name\",\"Day\",\"Currency\",\"Amount\u{00A0}Spent\",\"Link\u{00A0}Clicks\",\"Impressions\"\n"
            + "\"Осень\",\"2026-10-01\",\"EUR\",\"9.78\",\"\",\"1 000\"\n"
        let rows = try readAll(try stream(folder.file("m.csv", csv), .metaAds)).compactMap(\.record)
        #expect(rows.first?.amount == Money(minorUnits: 978, currency: .eur))
        #expect(rows.first?.clicks == 0)
        #expect(rows.first?.impressions == 1_000)
    }
}
