import Foundation
import LeadTrailCore
import LeadTrailImport
import Testing

@Suite struct ClickRecordTests {
    @Test func explicitUTMWinsOverTheURLPerField() throws {
        let click = try ClickRecord(
            generic: object(
                #"{"at": "2026-10-01T10:00:00+03:00", "visitor": " v-1 ", "url": "https://x.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=Autumn&yclid=77", "utm_campaign": " Black_Friday ", "utm_medium": ""}"#
            ), options: options)
        #expect(click.visitor == "v-1")
        #expect(click.utm.source == "vk")
        #expect(click.utm.medium == "cpc")
        #expect(click.utm.campaign == "Black_Friday")
        #expect(click.clickID == ClickID(parameter: "yclid", value: "77"))
        #expect(click.at == Timestamp(microseconds: 1_790_838_000_000_000))
        #expect(click.channel == .paidSocial)
    }

    @Test func numericVisitorIsItsDecimalText() throws {
        let click = try ClickRecord(
            generic: object(#"{"at": "2026-10-01T10:00:00Z", "visitor": 12345}"#), options: options)
        #expect(click.visitor == "12345")
        #expect(click.channel == .direct)
    }

    @Test func clickIDField() throws {
        let named = try ClickRecord(
            generic: object(#"{"at": "2026-10-01T10:00:00Z", "visitor": "v", "click_id": "gclid=abc"}"#),
            options: options)
        #expect(named.clickID == ClickID(parameter: "gclid", value: "abc"))
        #expect(named.channel == .paidSearch)
        let bare = try ClickRecord(
            generic: object(#"{"at": "2026-10-01T10:00:00Z", "visitor": "v", "click_id": "abc"}"#), options: options)
        #expect(bare.clickID == ClickID(parameter: "click_id", value: "abc"))
        let withURL = try ClickRecord(
            generic: object(
                #"{"at": "2026-10-01T10:00:00Z", "visitor": "v", "url": "https://x/?fbclid=zz", "click_id": "abc"}"#),
            options: options)
        #expect(withURL.clickID == ClickID(parameter: "fbclid", value: "abc"))
    }

    @Test func contentHashKeysAreEqualForIdenticalRecordsAndDifferOtherwise() throws {
        let a = try ClickRecord(
            generic: object(#"{"at": "2026-10-01T13:00:00+03:00", "visitor": "v", "url": "https://x/?utm_source=vk"}"#),
            options: options)
        let b = try ClickRecord(
            generic: object(
                #"{"url": "https://x/?utm_source=vk", "visitor": " v", "at": "2026-10-01T10:00:00Z", "extra": 1}"#),
            options: options)
        let c = try ClickRecord(
            generic: object(#"{"at": "2026-10-01T10:00:01Z", "visitor": "v", "url": "https://x/?utm_source=vk"}"#),
            options: options)
        let withID = try ClickRecord(
            generic: object(#"{"at": "2026-10-01T10:00:00Z", "visitor": "v", "id": "c-1"}"#), options: options)
        #expect(a.key == b.key)
        #expect(a.key.count == 32)
        #expect(a.key != c.key)
        #expect(withID.key == "c-1")
    }

    @Test func missingRequiredFieldsAndWrongTypes() {
        #expect(
            recordError { try ClickRecord(generic: object(#"{"visitor": "v"}"#), options: options) }?.description
                == "field 'at' is required")
        #expect(
            recordError { try ClickRecord(generic: object(#"{"at": "2026-10-01T10:00:00Z"}"#), options: options) }?
                .field
                == "visitor")
        let wrongAt = recordError { try ClickRecord(generic: object(#"{"at": 5, "visitor": "v"}"#), options: options) }
        #expect(wrongAt?.field == "at")
        #expect(wrongAt?.description.hasPrefix("field 'at': expected a time") == true)
        #expect(wrongAt?.description.hasSuffix("found a number") == true)
        let wrongVisitor = recordError {
            try ClickRecord(generic: object(#"{"at": "2026-10-01T10:00:00Z", "visitor": {}}"#), options: options)
        }
        #expect(wrongVisitor?.description == "field 'visitor': expected a string, found an object")
        let badTime = recordError {
            try ClickRecord(generic: object(#"{"at": "yesterday", "visitor": "v"}"#), options: options)
        }
        #expect(badTime?.field == "at")
        #expect(badTime?.description.hasPrefix("field 'at': invalid time 'yesterday'") == true)
    }

    @Test func fileErrorsNameFileLineAndField() throws {
        let folder = TemporaryFolder()
        let url = folder.file(
            "clicks.ndjson",
            "{\"at\":\"2026-10-01T10:00:00Z\",\"visitor\":\"v\"}\n\n{\"at\":\"yesterday\",\"visitor\":\"v\"}\n")
        let stream = try ImportStream(clicks: url, options: options)
        let items = try readAll(stream)
        #expect(items[0].record != nil)
        let error = try #require(items[1].error)
        #expect(
            stream.fileError(error, at: items[1]).description.hasPrefix(
                "clicks.ndjson: line 3: field 'at': invalid time 'yesterday'"))
    }
}

@Suite struct FormRecordTests {
    @Test func normalisesContactsAndKeepsFields() throws {
        let form = try FormRecord(
            generic: object(
                #"{"id": "f-1", "submitted_at": "2026-10-02T13:58:54+03:00", "name": "Вера", "phone": "8 (905) 590-90-15", "email": " Vera@Inbox.RU ", "form": "Заявка", "visitor": "v-1", "page_url": "https://x.ru/?utm_source=instagram&utm_medium=social", "utm_medium": "cpc", "fields": {"city": "Ростов"}}"#
            ), options: options)
        #expect(form.key == "f-1")
        #expect(form.externalID == "f-1")
        #expect(form.phone?.e164 == "+79055909015")
        #expect(form.email?.normalized == "vera@inbox.ru")
        #expect(form.utm.source == "instagram")
        #expect(form.utm.medium == "cpc")
        #expect(form.fieldsJSON == #"{"city":"Ростов"}"#)
    }

    @Test func contactRulesAndErrors() {
        let none = recordError {
            try FormRecord(generic: object(#"{"submitted_at": "2026-10-02T10:00:00Z", "name": "A"}"#), options: options)
        }
        #expect(none?.description == "one of fields 'email' and 'phone' is required")
        let phone = recordError {
            try FormRecord(
                generic: object(#"{"submitted_at": "2026-10-02T10:00:00Z", "phone": "12-345"}"#), options: options)
        }
        #expect(phone?.description == "field 'phone': phone has 5 digits; at least 10 are needed")
        let email = recordError {
            try FormRecord(
                generic: object(#"{"submitted_at": "2026-10-02T10:00:00Z", "email": "nobody"}"#), options: options)
        }
        #expect(email?.field == "email")
        let fields = recordError {
            try FormRecord(
                generic: object(#"{"submitted_at": "2026-10-02T10:00:00Z", "email": "a@b.c", "fields": [1]}"#),
                options: options)
        }
        #expect(fields?.description == "field 'fields': expected an object, found an array")
    }

    @Test func contentHashTellsAChangedRecord() throws {
        let base = #"{"submitted_at": "2026-10-02T10:00:00Z", "email": "a@b.c", "fields": {"x": 1, "y": 2}}"#
        let same = #"{"fields": {"y": 2, "x": 1}, "email": "A@B.C", "submitted_at": "2026-10-02T13:00:00+03:00"}"#
        let changed = #"{"submitted_at": "2026-10-02T10:00:00Z", "email": "a@b.c", "fields": {"x": 1, "y": 3}}"#
        let a = try FormRecord(generic: object(base), options: options)
        #expect(a.contentHash == (try FormRecord(generic: object(same), options: options)).contentHash)
        #expect(a.contentHash != (try FormRecord(generic: object(changed), options: options)).contentHash)
        #expect(a.key == a.contentHash)
    }
}

@Suite struct DealRecordTests {
    @Test func readsADealWithARefund() throws {
        let deal = try DealRecord(
            generic: object(
                #"{"id": "d-1", "lead": {"phone": "+7 (905) 590-90-15"}, "amount": 24900, "currency": "rub", "created_at": "2026-10-03T20:34:29+03:00", "status": "WON", "closed_at": "2026-10-08T01:24:01+03:00", "refunded_amount": "900.50", "refunded_at": "2026-10-10T10:00:00Z", "product": "x"}"#
            ), options: options)
        #expect(deal.lead == .phone(try Phone(parsing: "+79055909015")))
        #expect(deal.amount == Money(minorUnits: 2_490_000, currency: .rub))
        #expect(deal.status == .won)
        #expect(deal.refund?.amount.minorUnits == 90_050)
    }

    @Test func leadReferences() throws {
        func lead(_ json: String) throws -> LeadReference {
            try DealRecord(
                generic: object(
                    #"{"id": "d", "lead": \#(json), "amount": "1", "currency": "RUB", "created_at": "2026-10-03T10:00:00Z"}"#
                ),
                options: options
            ).lead
        }
        #expect(try lead(#"{"id": 17}"#) == .id(17))
        #expect(try lead(#"{"external_id": "f-1"}"#) == .externalID("f-1"))
        #expect(try lead(#"{"email": "X@Y.RU"}"#) == .email(try Email(parsing: "x@y.ru")))
        #expect(throws: RecordError.self) { try lead(#"{}"#) }
    }

    @Test(arguments: [
        (#""amount": "-5", "currency": "RUB""#, "amount"),
        (#""amount": "12.345", "currency": "RUB""#, "amount"),
        (#""amount": 12.345, "currency": "RUB""#, "amount"),
        (#""amount": "12", "currency": "XYZ""#, "currency"),
        (#""amount": "12""#, "currency"),
        (#""amount": true, "currency": "RUB""#, "amount"),
    ])
    func rejectsBadMoney(fields: String, field: String) {
        let error = recordError {
            try DealRecord(
                generic: object(#"{"id": "d", "lead": {"id": 1}, \#(fields), "created_at": "2026-10-03T10:00:00Z"}"#),
                options: options)
        }
        #expect(error?.field == field)
    }

    @Test func statusRules() {
        let won = recordError {
            try DealRecord(
                generic: object(
                    #"{"id": "d", "lead": {"id": 1}, "amount": 1, "currency": "RUB", "created_at": "2026-10-03T10:00:00Z", "status": "won"}"#
                ),
                options: options)
        }
        #expect(won?.field == "closed_at")
        let unknown = recordError {
            try DealRecord(
                generic: object(
                    #"{"id": "d", "lead": {"id": 1}, "amount": 1, "currency": "RUB", "created_at": "2026-10-03T10:00:00Z", "status": "maybe"}"#
                ),
                options: options)
        }
        #expect(unknown?.field == "status")
        let halfRefund = recordError {
            try DealRecord(
                generic: object(
                    #"{"id": "d", "lead": {"id": 1}, "amount": 1, "currency": "RUB", "created_at": "2026-10-03T10:00:00Z", "refunded_amount": "1"}"#
                ),
                options: options)
        }
        #expect(halfRefund?.field == "refunded_at")
        let zeroRefund = recordError {
            try DealRecord(
                generic: object(
                    #"{"id": "d", "lead": {"id": 1}, "amount": 1, "currency": "RUB", "created_at": "2026-10-03T10:00:00Z", "refunded_amount": "0", "refunded_at": "2026-10-04T10:00:00Z"}"#
                ),
                options: options)
        }
        #expect(zeroRefund?.field == "refunded_amount")
    }

    @Test func contentHashTellsAChangedDeal() throws {
        let text =
            #"{"id": "d", "lead": {"id": 1}, "amount": "100", "currency": "RUB", "created_at": "2026-10-03T10:00:00Z"}"#
        let a = try DealRecord(generic: object(text), options: options)
        let b = try DealRecord(
            generic: object(text.replacingOccurrences(of: "\"100\"", with: "100.00")), options: options)
        let c = try DealRecord(generic: object(text.replacingOccurrences(of: "\"100\"", with: "101")), options: options)
        #expect(a.contentHash == b.contentHash)
        #expect(a.contentHash != c.contentHash)
    }
}
