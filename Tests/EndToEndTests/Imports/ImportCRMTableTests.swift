import Foundation
import Testing

/// Teams moving from amoCRM, Bitrix24, HubSpot or Roistat bring their exports in as they are: `import forms`, `import
/// deals` and `import clicks` read CSV/TSV tables (Windows-1251, `;`, decimal commas, `DD.MM.YYYY HH:MM`, US dates with
/// `--date-order`), end to end with the built binary.
struct ImportCRMTableTests {
    /// amoCRM's deals export as Russian Excel saves it: Windows-1251, `;`, CRLF, a budget `24 900,00` with no currency
    /// column, `04.12.2026 12:00`, its closing stages and an open one.
    private let amoDeals =
        "ID;Название сделки;Бюджет;Этап сделки;Дата создания;Дата закрытия;Мобильный телефон;Рабочий email\r\n"
        + "101;Курс SMM;24 900,00;Успешно реализовано;04.12.2026 12:00;05.12.2026 18:30;8 916 123-45-67;\r\n"
        + "102;Консультация;3 500;Закрыто и не реализовано;04.12.2026 13:00;06.12.2026 09:00;;boris@example.com\r\n"
        + "103;Курс SMM;12 000,50;Переговоры;07.12.2026 10:05;;+7 999 669 48 19;\r\n"
    private let amoMap =
        #"{"fields": {"id": "ID", "amount": "Бюджет", "status": "Этап сделки", "created_at": "Дата создания", "#
        + #""closed_at": "Дата закрытия", "lead.phone": "Мобильный телефон", "lead.email": "Рабочий email"}}"#
    /// The people of those deals, as a forms CSV (a CRM's contacts or a site's requests).
    private let formsCSV = [
        "id,submitted_at,name,phone,email,utm_source,utm_medium,utm_campaign",
        "f1,01.12.2026 10:00,Анна Петрова,8 (916) 123-45-67,,vk,cpc,vk_winter",
        "f2,02.12.2026 11:30:00,Борис,,boris@example.com,yandex,cpc,search_brand",
        "f3,03.12.2026 09:15,Мария,+7 999 669-48-19,,,,",
    ]

    private func importFormsAndAmoDeals(_ ws: Workspace) throws -> [String: Any] {
        try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
        let forms = try ws.write("contacts.csv", lines: formsCSV)
        #expect(ImportCounts(try ws.importSummary(["import", "forms", forms])) == ImportCounts(read: 3, imported: 3))
        try ws.write("amocrm-deals.csv", data: Data(windows1251(amoDeals)))
        let map = try ws.write("amo-map.json", text: amoMap)
        return try ws.importSummary([
            "import", "deals", "amocrm-deals.csv", "--encoding", "windows-1251", "--map", map, "--currency", "RUB",
        ])
    }

    @Test func anAmoCRMDealsExportImportsAndAgainChangesNothing() throws {
        try Workspace.with { ws in
            let summary = try importFormsAndAmoDeals(ws)
            #expect(ImportCounts(summary) == ImportCounts(read: 3, imported: 3), "\(summary)")
            let deals = try ws.listing(["deal", "list"]).sorted { (jsonInt($0["id"]) ?? 0) < (jsonInt($1["id"]) ?? 0) }
            #expect(deals.map { $0["status"] as? String } == ["won", "lost", "open"], "\(deals)")
            #expect(
                deals.map { jsonDecimal($0["amount"]) } == [
                    Decimal(string: "24900")!, 3500, Decimal(string: "12000.5")!,
                ])
            #expect(deals.allSatisfy { jsonInt($0["lead"]) != nil }, "every deal finds its lead: \(deals)")
            // 04.12.2026 12:00 is Moscow time, as a JSON time without an offset would be.
            #expect(deals.first?["created_at"] as? String == "2026-12-04T09:00:00Z", "\(deals)")
            let map = ws.path("amo-map.json").path
            let again = try ws.run([
                "import", "deals", "amocrm-deals.csv", "--encoding", "windows-1251", "--map", map, "--currency", "RUB",
            ])
            #expect(again.status == 0 && again.stdout.contains("Nothing changed"), "\(again)")
            // Without --encoding the bytes are named, with the option that reads them.
            try ws.refuse(
                ["import", "deals", "amocrm-deals.csv", "--map", map, "--currency", "RUB"],
                mentioning: "amocrm-deals.csv: line 1: not UTF-8 text", "--encoding windows-1251")
        }
    }

    /// HubSpot's deals export: `06/12/2026` reads two ways until `--date-order` says, `1,200.50`, its stage names,
    /// `Associated Contact IDs` naming the contact by its record id (the forms' `id`).
    @Test func aHubSpotDealsExportNeedsItsDateOrder() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "USD"])
            let contacts = try ws.write(
                "hubspot-contacts.csv",
                lines: [
                    "Record ID,First Name,Email,Phone Number,Create Date",
                    "501,Anna,anna@example.com,+1 415 555 0100,2026-06-01 09:00",
                    "502,Boris,boris@example.com,,2026-06-02 10:00",
                ])
            let contactMap = try ws.write(
                "contacts-map.json",
                text:
                    #"{"fields": {"id": "Record ID", "name": "First Name", "email": "Email", "phone": "Phone Number", "submitted_at": "Create Date"}}"#
            )
            #expect(
                ImportCounts(try ws.importSummary(["import", "forms", contacts, "--map", contactMap]))
                    == ImportCounts(read: 2, imported: 2))
            let deals = try ws.write(
                "hubspot-deals.csv",
                lines: [
                    "Record ID,Deal Name,Amount,Deal Stage,Create Date,Close Date,Associated Contact IDs",
                    #"9001,Course,"1,200.50",Closed Won,06/01/2026 10:00,06/12/2026 4:30 PM,501"#,
                    "9002,Audit,300,Closed Lost,06/02/2026,06/05/2026,502",
                    "9003,Retainer,900,Appointment Scheduled,06/03/2026 09:15,,501",
                ])
            let map = try ws.write(
                "deals-map.json",
                text:
                    #"{"fields": {"id": "Record ID", "amount": "Amount", "status": "Deal Stage", "created_at": "Create Date", "closed_at": "Close Date", "lead.external_id": "Associated Contact IDs"}, "constants": {"currency": "USD"}}"#
            )
            try ws.refuse(
                ["import", "deals", deals, "--map", map],
                mentioning: "hubspot-deals.csv: data row 1, line 2: the date '06/01/2026' reads two ways",
                "day first: 2026-01-06; month first: 2026-06-01", "--date-order dmy or mdy")
            let summary = try ws.importSummary(["import", "deals", deals, "--map", map, "--date-order", "mdy"])
            #expect(ImportCounts(summary) == ImportCounts(read: 3, imported: 3))
            let listed = try ws.listing(["deal", "list"]).sorted { (jsonInt($0["id"]) ?? 0) < (jsonInt($1["id"]) ?? 0) }
            #expect(listed.map { $0["status"] as? String } == ["won", "lost", "open"], "\(listed)")
            #expect(jsonDecimal(listed.first?["amount"]) == Decimal(string: "1200.5"))
            #expect(listed.first?["closed_at"] as? String == "2026-06-12T16:30:00Z", "\(listed)")
            #expect(listed.allSatisfy { jsonInt($0["lead"]) != nil }, "\(listed)")
        }
    }

    /// The same records as JSON and as a Russian CSV give the same stored data, byte for byte.
    @Test func jsonAndCSVOfTheSameRecordsStoreTheSame() throws {
        let formsJSON = [
            #"{"id": "f1", "submitted_at": "2026-12-01T10:00:00", "name": "Анна Петрова", "phone": "8 (916) 123-45-67", "utm_source": "vk", "utm_medium": "cpc", "utm_campaign": "vk_winter"}"#,
            #"{"id": "f2", "submitted_at": "2026-12-02T11:30:00", "name": "Борис", "email": "boris@example.com", "utm_source": "yandex", "utm_medium": "cpc", "utm_campaign": "search_brand"}"#,
            #"{"id": "f3", "submitted_at": "2026-12-03T09:15:00", "name": "Мария", "phone": "+7 999 669-48-19"}"#,
        ]
        let dealsJSON = [
            #"{"id": "101", "lead": {"phone": "8 916 123-45-67"}, "amount": "24900.00", "currency": "RUB", "status": "won", "created_at": "2026-12-04T12:00:00", "closed_at": "2026-12-05T18:30:00"}"#,
            #"{"id": "102", "lead": {"email": "boris@example.com"}, "amount": 3500, "currency": "RUB", "status": "lost", "created_at": "2026-12-04T13:00:00", "closed_at": "2026-12-06T09:00:00"}"#,
            #"{"id": "103", "lead": {"phone": "+7 999 669 48 19"}, "amount": "12000.50", "currency": "RUB", "created_at": "2026-12-07T10:05:00"}"#,
        ]
        let fromJSON = try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            try ws.succeed(["import", "forms", try ws.write("forms.ndjson", lines: formsJSON)])
            try ws.succeed(["import", "deals", try ws.write("deals.ndjson", lines: dealsJSON)])
            // Batches name their files, and the migration and an auto-created campaign keep the time they were made.
            return try ws.dump(excluding: ["import_batch", "schema_migration", "campaign"])
        }
        let fromCSV = try Workspace.with { ws in
            #expect(ImportCounts(try importFormsAndAmoDeals(ws)) == ImportCounts(read: 3, imported: 3))
            return try ws.dump(excluding: ["import_batch", "schema_migration", "campaign"])
        }
        expectSameDump(fromJSON, fromCSV, "a CSV stored other data than the JSON of the same records")
    }

    /// Every bad cell: one line naming the file, the data row and line, the column and the value; nothing imported;
    /// `--skip-invalid` imports the others.
    @Test(arguments: [
        (
            "1;04.12.2026 12:00;1,200;RUB;a@b.ru",
            "data row 1, line 2: column 'Сумма' (amount): amount '1,200' reads two ways"
        ),
        (
            "1;31.11.2026 12:00;100;RUB;a@b.ru",
            "data row 1, line 2: column 'Создана' (created_at): invalid time '31.11.2026 12:00'"
        ),
        ("1;04.12.2026 12:00;100;рубли;a@b.ru", "data row 1, line 2: column 'currency': unknown currency code 'рубли'"),
        ("1;04.12.2026 12:00;100;RUB;нет почты", "data row 1, line 2: column 'Email' (lead.email)"),
    ])
    func aBadCellIsRefusedNamingItsColumnAndValue(row: String, expected: String) throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let file = try ws.write(
                "deals.csv", lines: ["id;Создана;Сумма;currency;Email", row, "2;04.12.2026 12:00;100;RUB;a@b.ru"])
            let map = try ws.write(
                "map.json", text: #"{"fields": {"created_at": "Создана", "amount": "Сумма", "lead.email": "Email"}}"#)
            try ws.refuse(["import", "deals", file, "--map", map], mentioning: "deals.csv: " + expected)
            let summary = try ws.importSummary(["import", "deals", file, "--map", map, "--skip-invalid"])
            #expect(ImportCounts(summary) == ImportCounts(read: 2, imported: 1, rejected: 1))
        }
    }

    /// An option the file does not use is refused in one line, as the README promises.
    @Test func anOptionTheFileDoesNotUseIsRefused() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let deals = try ws.write(
                "deals.json",
                text:
                    #"[{"id": "1", "lead": {"id": 1}, "amount": 100, "currency": "RUB", "created_at": "2026-12-04T10:00:00Z"}]"#
            )
            try ws.refuse(
                ["import", "deals", deals, "--sheet", "Лист1"],
                mentioning:
                    "deals.json: --sheet picks a sheet of an .xlsx workbook; deals.json is JSON: leave --sheet out")
            try ws.refuse(["import", "deals", deals, "--date-order", "dmy"], mentioning: "leave --date-order out")
            let clicks = try ws.write(
                "visits.csv", lines: ["at;visitor;url", "03.10.2026 12:00:00;r-1;https://site.ru/?utm_source=vk"])
            try ws.refuse(
                ["import", "clicks", clicks, "--sheet", "Лист1"], mentioning: "visits.csv is a CSV/TSV table")
            #expect(
                ImportCounts(try ws.importSummary(["import", "clicks", clicks])) == ImportCounts(read: 1, imported: 1))
        }
    }
}

/// `text` as Russian Excel saves it: Windows-1251 (Cyrillic А–я, Ё, ё, the no-break space; ASCII as it is).
private func windows1251(_ text: String) -> [UInt8] {
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
