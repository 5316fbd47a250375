import Foundation
import LeadTrailCore
import LeadTrailImport
import Testing

/// Issue 16, acceptance 3: an `.xlsx` made by LibreOffice headless from a CSV fixture
/// (`soffice --headless --convert-to xlsx meta-ads-daily.csv`, committed as Tests/Fixtures/presets/meta-ads-daily.xlsx)
/// imports exactly as the CSV does.
@Suite struct XLSXTests {
    private func records(_ name: String, sheet: String? = nil) throws -> [SpendRecord] {
        var options = options
        options.sheet = sheet
        let items = try readAll(
            try ImportStream(spend: presetFixtures.appendingPathComponent(name), preset: .metaAds, options: options))
        #expect(items.compactMap(\.error).isEmpty, "\(name): \(items.compactMap(\.error))")
        return items.compactMap(\.record)
    }

    @Test func workbookMadeByLibreOfficeImportsExactlyAsItsCSV() throws {
        let csv = try records("meta-ads-daily.csv")
        let xlsx = try records("meta-ads-daily.xlsx")
        #expect(csv.count == 4)
        #expect(xlsx == csv)
        #expect(xlsx.first?.date == CalendarDate(year: 2026, month: 10, day: 1))  // a date cell, serial 46296
        #expect(xlsx.first?.amount == Money(minorUnits: 1_283, currency: .usd))  // 9.78 + 3.05, summed
        #expect(xlsx.map(\.campaign).contains("Осень «Ёлка»"))
    }

    @Test func theSheetIsChosenByName() throws {
        #expect(try records("meta-ads-daily.xlsx", sheet: "meta-ads-daily").count == 4)
        let error = try #require(fileError { _ = try records("meta-ads-daily.xlsx", sheet: "Лист2") })
        #expect(
            error.description
                == "meta-ads-daily.xlsx: the workbook has no sheet 'Лист2'; its sheets are 'meta-ads-daily'")
    }

    @Test func aZIPThatIsNoWorkbookIsRefused() throws {
        let folder = TemporaryFolder()
        let url = folder.file("export.xlsx", bytes: Array("PK".utf8) + [3, 4] + Array(repeating: 0, count: 40))
        let error = try #require(fileError { _ = try ImportStream(spend: url, preset: .vkAds, options: options) })
        #expect(error.description.hasPrefix("export.xlsx: "), "\(error)")
    }

    /// Excel stores 1165.1 as `<v>1165.0999999999999</v>` (the double's 17 digits) and shows 15: the cell is read as
    /// Excel shows it, not refused for having more decimals than RUB allows. Tests/Fixtures/presets/vk-ads-float.xlsx
    /// has the number cells as Excel writes them and the total row as text.
    @Test func aNumberCellIsReadAsExcelShowsItTo15SignificantDigits() throws {
        let items = try readAll(
            try ImportStream(
                spend: presetFixtures.appendingPathComponent("vk-ads-float.xlsx"), preset: .vkAds, options: options))
        #expect(items.compactMap(\.error).isEmpty, "\(items.compactMap(\.error))")
        let records = items.compactMap(\.record)
        #expect(
            records.map(\.amount) == [
                Money(minorUnits: 220_545, currency: .rub), Money(minorUnits: 116_510, currency: .rub),
            ])
        #expect(records.map(\.impressions) == [12_764, 10_000])
    }

    @Test(arguments: [(46_296.0, "2026-10-01"), (25_569.0, "1970-01-01"), (60.0, "1900-02-28"), (61.5, "1900-03-01")])
    func excelDates(serial: Double, date: String) {
        #expect(XLSXReader.excelDate(serial) == date)
    }
}
