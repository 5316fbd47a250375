import Foundation
import LeadTrailCore
import LeadTrailImport
import Testing

/// Clicks, forms and deals from a CRM's table (amoCRM, Bitrix24, HubSpot, Roistat exports): every row a record named
/// by the header, its cells read as the spend readers read them, every bad cell named by its column.
@Suite struct CRMTableTests {
    private let moscow = TimeZone(identifier: "Europe/Moscow")!

    private func map(_ folder: TemporaryFolder, _ json: String) throws -> FieldMap {
        try FieldMap(contentsOf: folder.file("map.json", json))
    }

    private func deals(_ url: URL, _ options: ImportOptions) throws -> [ImportItem<DealRecord>] {
        try readAll(try ImportStream(deals: url, options: options))
    }

    /// An amoCRM-like export: Windows-1251, `;`, a budget with a decimal comma and no currency column, Russian times.
    @Test func anAmoCRMDealsExportImports() throws {
        let folder = TemporaryFolder()
        let text =
            "ID;Название сделки;Бюджет;Этап сделки;Дата создания;Дата закрытия;Мобильный телефон\r\n"
            + "101;Курс;24 900,00;Успешно реализовано;04.12.2026 12:00;05.12.2026 18:30;8 916 123-45-67\r\n"
            + "102;Консультация;3\u{A0}500;Закрыто и не реализовано;04.12.2026 13:00:15;06.12.2026 09:00;+7 999 669 48 19\r\n"
            + "103;Курс;12 000,50;Переговоры;07.12.2026 10:05;;89161234567\r\n"
        let bytes = windows1251(text)
        let url = folder.file("amocrm.csv", bytes: bytes)
        var options = ImportOptions(timeZone: moscow, importTime: importTime)
        options.encoding = .windows1251
        options.defaultCurrency = try Currency(code: "RUB")
        options.map = try map(
            folder,
            #"{"fields": {"id": "ID", "amount": "Бюджет", "status": "Этап сделки", "created_at": "Дата создания", "closed_at": "Дата закрытия", "lead.phone": "Мобильный телефон"}}"#
        )
        let items = try deals(url, options)
        let records = items.compactMap(\.record)
        #expect(records.count == 3, "\(items.map(\.outcome))")
        #expect(records.map(\.amount.minorUnits) == [2_490_000, 350_000, 1_200_050])
        #expect(records.map(\.status) == [.won, .lost, .open])
        #expect(records[0].createdAt.rfc3339 == "2026-12-04T09:00:00Z")
        #expect(records[0].closedAt?.rfc3339 == "2026-12-05T15:30:00Z")
        #expect(records[1].createdAt.rfc3339 == "2026-12-04T10:00:15Z")
        #expect(records[2].closedAt == nil)
        #expect(records[0].lead == .phone(try Phone(parsing: "+79161234567")))
    }

    /// A HubSpot-like export: US dates (`--date-order mdy`, or a date past the 12th to tell), `1,200.50`, its stage names.
    @Test func aHubSpotDealsExportImports() throws {
        let folder = TemporaryFolder()
        let text = """
            Record ID,Deal Name,Amount,Deal Stage,Create Date,Close Date,Currency,Associated Contact Email
            9001,Course,"1,200.50",Closed Won,06/01/2026 10:00,06/12/2026 4:30 PM,USD,anna@example.com
            9002,Audit,300,Closed Lost,06/02/2026,06/05/2026,USD,boris@example.com
            9003,Retainer,"2,000,000",Appointment Scheduled,06/03/2026 09:15,,USD,vera@example.com

            """
        let url = folder.file("hubspot-deals.csv", text)
        var options = ImportOptions(timeZone: utc, importTime: importTime)
        options.map = try map(
            folder,
            #"{"fields": {"id": "Record ID", "amount": "Amount", "status": "Deal Stage", "created_at": "Create Date", "closed_at": "Close Date", "currency": "Currency", "lead.email": "Associated Contact Email"}}"#
        )
        // Every slash date reads two ways and nothing tells: refused, naming both readings.
        let error = try #require(fileError { _ = try deals(url, options) })
        #expect(
            error.description.contains("'06/01/2026' reads two ways (day first: 2026-01-06; month first: 2026-06-01)"),
            "\(error)")
        #expect(error.description.contains("--date-order"), "\(error)")
        options.slashDatesDayFirst = false
        let records = try deals(url, options).compactMap(\.record)
        #expect(records.map(\.amount.minorUnits) == [120_050, 30_000, 200_000_000])
        #expect(records.map(\.status) == [.won, .lost, .open])
        #expect(records[0].createdAt.rfc3339 == "2026-06-01T10:00:00Z")
        #expect(records[0].closedAt?.rfc3339 == "2026-06-12T16:30:00Z")
        #expect(records[1].closedAt?.rfc3339 == "2026-06-05T00:00:00Z")
    }

    @Test(arguments: [
        ("1,200", "'1,200' reads two ways", "(1.200)"),
        ("24 9O0,00", "invalid amount '24 9O0,00'", "column 'Бюджет' (amount)"),
        ("12,345,6", "invalid amount '12,345,6'", "column 'Бюджет' (amount)"),
    ])
    func aBadAmountCellIsNamedWithItsColumn(cell: String, expected: String, place: String) throws {
        let folder = TemporaryFolder()
        let url = folder.file(
            "deals.csv", "ID;Бюджет;Валюта;Дата создания;Email\n1;\"\(cell)\";RUB;04.12.2026 12:00;a@b.ru\n")
        var options = options
        options.map = try map(
            folder,
            #"{"fields": {"id": "ID", "amount": "Бюджет", "currency": "Валюта", "created_at": "Дата создания", "lead.email": "Email"}}"#
        )
        let stream = try ImportStream(deals: url, options: options)
        let item = try #require(try stream.next())
        let error = try #require(item.error, "\(item.outcome)")
        let line = stream.fileError(error, at: item).description
        #expect(line.hasPrefix("deals.csv: data row 1, line 2: "), "\(line)")
        #expect(line.contains(expected) && line.contains("column 'Бюджет'"), "\(line)")
        #expect(!line.contains("\n"))
    }

    @Test(arguments: [
        ("31.09.2026 10:00", "column 'created' (created_at): invalid time '31.09.2026 10:00'"),
        ("04.12.2026 25:00", "invalid time '04.12.2026 25:00'"),
        ("вчера", "invalid time 'вчера'"),
    ])
    func aBadTimeCellIsNamedWithItsColumn(cell: String, expected: String) throws {
        let folder = TemporaryFolder()
        let url = folder.file("deals.csv", "id,amount,currency,created,lead.email\n1,100,RUB,\(cell),a@b.ru\n")
        var options = options
        options.map = try map(folder, #"{"fields": {"created_at": "created"}}"#)
        let item = try #require(try deals(url, options).first)
        #expect(item.error?.description.contains(expected) == true, "\(item.outcome)")
    }

    @Test func anUnknownStageIsRefusedNamingTheAcceptedOnesOrMappedWithValues() throws {
        let folder = TemporaryFolder()
        let url = folder.file(
            "deals.csv",
            "id,amount,currency,created_at,status,closed_at,lead.email\n"
                + "1,100,RUB,2026-12-04 10:00,Переговоры с ЛПР,,a@b.ru\n2,100,RUB,2026-12-04 10:00,Отменён,2026-12-05,a@b.ru\n"
        )
        let refused = try deals(url, options)
        let message = try #require(refused.first?.error?.description)
        #expect(message.contains("column 'status': unknown status 'Переговоры с ЛПР'"), "\(message)")
        #expect(
            message.contains("closed won") && message.contains("успешно реализовано") && message.contains("\"values\""))
        #expect(refused.last?.record?.status == .lost)
        var mapped = options
        mapped.map = try map(folder, #"{"values": {"status": {"переговоры с лпр": "open"}}}"#)
        #expect(try deals(url, mapped).compactMap(\.record?.status) == [.open, .lost])
    }

    /// A table without a column a record needs is refused at its header, naming the columns it has.
    @Test func aTableWithoutARequiredColumnIsRefusedAtItsHeader() throws {
        let folder = TemporaryFolder()
        let url = folder.file("leads.csv", "id,created_time,full_name,email\nl:1,2026-10-01,Анна,a@b.ru\n")
        let error = try #require(fileError { _ = try ImportStream(forms: url, options: options) })
        #expect(error.description.hasPrefix("leads.csv: line 1: no column gives 'submitted_at'"), "\(error)")
        #expect(error.description.contains("'created_time'"), "\(error)")
        let deals = folder.file("deals.csv", "ID;Бюджет\n1;100\n")
        let second = try #require(fileError { _ = try ImportStream(deals: deals, options: options) })
        #expect(second.description.hasPrefix("deals.csv: line 1: no column gives 'id'"), "\(second)")
        #expect(second.description.contains("the columns are 'ID', 'Бюджет'"), "\(second)")
    }

    @Test func anOptionTheFileDoesNotUseIsRefused() throws {
        let folder = TemporaryFolder()
        let json = folder.file(
            "deals.json",
            #"[{"id": "1", "lead": {"email": "a@b.ru"}, "amount": 1, "currency": "RUB", "created_at": "2026-12-04T10:00:00Z"}]"#
        )
        var sheet = options
        sheet.sheet = "Лист1"
        let error = try #require(fileError { _ = try ImportStream(deals: json, options: sheet) })
        #expect(
            error.description
                == "deals.json: --sheet picks a sheet of an .xlsx workbook; deals.json is JSON: leave --sheet out")
        var order = options
        order.slashDatesDayFirst = true
        #expect(
            fileError { _ = try ImportStream(forms: json, options: order) }?.description.contains("--date-order")
                == true)
        let csv = folder.file("clicks.csv", "at,visitor\n2026-12-04 10:00,v1\n")
        #expect(
            fileError { _ = try ImportStream(clicks: csv, options: sheet) }?.description.contains("is a CSV/TSV table")
                == true)
        #expect(try readAll(try ImportStream(clicks: csv, options: options)).compactMap(\.record).count == 1)
    }

    @Test(
        arguments: [
            ("24 900,00", 2_490_000), ("24\u{A0}900", 2_490_000), ("1,200.50", 120_050), ("1,234,567", 123_456_700),
            ("1200,5", 120_050), ("0,125", nil), ("1,200", nil), ("1.200,50", nil), ("12,34.5", nil),
        ] as [(String, Int64?)])
    func anAmountCellReadsOneWayOrIsRefused(cell: String, minorUnits: Int64?) throws {
        let rub = try Currency(code: "RUB")
        let parsed = try? Money.parse(cell: cell, currency: rub)
        #expect(parsed?.minorUnits == minorUnits, "\(cell)")
    }
}

/// `text` as Russian Excel saves it: Windows-1251 (Cyrillic А–я, Ё, ё, the no-break space; ASCII as it is).
func windows1251(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { scalar in
        switch scalar.value {
        case 0x410...0x44F: UInt8(scalar.value - 0x410 + 0xC0)
        case 0x401: 0xA8
        case 0x451: 0xB8
        case 0xA0: 0xA0
        default: UInt8(scalar.value)
        }
    }
}
