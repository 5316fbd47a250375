import Foundation
import Testing

/// `lead merge` and `lead forget` on imported leads and deals (SPEC "Security and privacy", "Command line").
struct ImportedLeadPrivacyTests {
    /// Two leads (1: Анна, 2: Борис), three deals: d-1 and d-2 on Анна, d-3 on Борис.
    private func prepared(_ ws: Workspace) throws {
        try ws.succeed(["init"])
        try ws.succeed([
            "import", "forms",
            ws.write(
                "forms.ndjson",
                lines: [
                    #"{"id": "f-1", "submitted_at": "2026-10-01T10:00:00Z", "name": "Анна Петрова", "phone": "8 (916) 123-45-67", "email": "anna@example.com", "visitor": "v-anna", "fields": {"city": "Казань"}, "page_url": "https://laska-studio.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=vk_autumn_sale"}"#,
                    #"{"id": "f-2", "submitted_at": "2026-10-02T10:00:00Z", "name": "Борис", "phone": "+7 903 111 22 33", "visitor": "v-boris", "page_url": "https://laska-studio.ru/?utm_source=telegram&utm_medium=social&utm_campaign=tg_channel_promo"}"#,
                ]),
        ])
        try ws.succeed([
            "import", "deals",
            ws.write(
                "deals.ndjson",
                lines: [
                    #"{"id": "d-1", "lead": {"email": "anna@example.com"}, "amount": "12500", "currency": "RUB", "created_at": "2026-10-03T10:00:00Z", "status": "won", "closed_at": "2026-10-04T10:00:00Z"}"#,
                    #"{"id": "d-2", "lead": {"phone": "89161234567"}, "amount": "3500.50", "currency": "RUB", "created_at": "2026-10-05T10:00:00Z"}"#,
                    #"{"id": "d-3", "lead": {"phone": "79031112233"}, "amount": 24900, "currency": "RUB", "created_at": "2026-10-06T10:00:00Z", "status": "won", "closed_at": "2026-10-07T10:00:00Z"}"#,
                ]),
        ])
        let owners = try dealLeads(ws)
        #expect(owners == ["d-1": 1, "d-2": 1, "d-3": 2])
    }

    private func dealLeads(_ ws: Workspace) throws -> [String: Int?] {
        var owners: [String: Int?] = [:]
        for deal in try ws.listing(["deal", "list"]) {
            owners[deal["external_id"] as? String ?? "?"] = jsonInt(deal["lead"])
        }
        return owners
    }

    @Test func mergeMovesDealsAndVisitorsAndRemovesTheOtherLead() throws {
        try Workspace.with { ws in
            try prepared(ws)
            try ws.succeed(["lead", "merge", "1", "2"])
            let leads = try ws.listing(["lead", "list"])
            #expect(leads.compactMap { jsonInt($0["id"]) } == [1])
            #expect(try dealLeads(ws) == ["d-1": 1, "d-2": 1, "d-3": 1])
            let kept = try ws.object(["lead", "show", "1"])
            #expect(Set(kept["visitors"] as? [String] ?? []) == ["v-anna", "v-boris"])
            #expect((kept["deals"] as? [[String: Any]])?.count == 3)
            #expect(kept["name"] as? String == "Анна Петрова")
            try ws.refuse(["lead", "show", "2"], mentioning: "2")
        }
    }

    @Test func forgetErasesPersonalDataButKeepsTheMoney() throws {
        try Workspace.with { ws in
            try prepared(ws)
            let dealsBefore = try ws.succeed(["deal", "list", "--format", "json"]).stdout
            let touchesBefore = try ws.count("touch")
            try ws.succeed(["lead", "forget", "1"])

            let shown = try ws.object(["lead", "show", "1"])
            #expect(shown["name"] is NSNull)
            #expect(shown["email"] is NSNull)
            #expect(shown["phone"] is NSNull)
            #expect(shown["fields"] is NSNull || (shown["fields"] as? [String: Any])?.isEmpty == true)
            #expect(shown["forgotten_at"] is String)
            // The money and the anonymous touches stay.
            #expect(try ws.succeed(["deal", "list", "--format", "json"]).stdout == dealsBefore)
            let deals = try ws.listing(["deal", "list"])
            #expect(
                jsonDecimal(deals.first { $0["external_id"] as? String == "d-1" }?["amount"]) == 12500)
            #expect(try ws.count("touch") == touchesBefore)

            // Erased everywhere: not in the listing, nor anywhere in the database file's rows.
            let listing = try ws.succeed(["lead", "list", "--format", "json"]).stdout
            #expect(!listing.contains("Анна") && !listing.contains("anna@example.com") && !listing.contains("+79161234567"))
            let dump = try DatabaseDump.of(ws.defaultDatabase)
            for secret in ["Анна Петрова", "anna@example.com", "+79161234567", "Казань"] {
                #expect(!dump.contains(secret), "'\(secret)' is still in the database")
            }
            // Борис is untouched.
            #expect(try ws.object(["lead", "show", "2"])["name"] as? String == "Борис")
        }
    }

    @Test func unknownLeadsAreRefusedWithoutChangingAnything() throws {
        try Workspace.with { ws in
            try prepared(ws)
            try ws.refuse(["lead", "merge", "1", "99"], mentioning: "99")
            try ws.refuse(["lead", "merge", "99", "2"], mentioning: "99")
            try ws.refuse(["lead", "forget", "99"], mentioning: "99")
        }
    }
}
