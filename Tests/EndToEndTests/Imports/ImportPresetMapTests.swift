import Foundation
import Testing

/// A `--map` given with a preset is used, never accepted and then ignored: what the map gives a record wins over the
/// preset's own reading of that field, and a column the preset needs is not needed when the map gives its field.
struct ImportPresetMapTests {
    /// The newcomer's case: a Tilda receiver that logs the time (`sent`) and the page (`referer`). Without the map
    /// taking effect every lead was dated at the import with campaign `(none)`.
    @Test func tildaTakesTheMappedTimeAndPage() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            let forms = try ws.write(
                "t.json",
                text: #"[{"Name":"Анна","Phone":"+7 (916) 123-45-67","formname":"Заявка","#
                    + #""referer":"https://x.ru/?utm_source=vk&utm_medium=target&utm_campaign=vk_reels_nov","#
                    + #""sent":"2026-11-12 14:05:33","tranid":"6731045:2000000001"}]"#)
            let map = try ws.write("map.json", text: #"{"fields":{"submitted_at":"sent","page_url":"referer"}}"#)
            try ws.succeed(["import", "forms", forms, "--preset", "tilda", "--map", map])
            let leads = try ws.listing(["lead", "list"])
            try #require(leads.count == 1, "\(leads)")
            #expect(leads[0]["created_at"] as? String == "2026-11-12T11:05:33Z", "\(leads)")
            #expect(leads[0]["campaign"] as? String == "vk_reels_nov", "\(leads)")
            let shown = try ws.object(["lead", "show", "1"])
            // The map's generic names are not copied into the free-form fields as well.
            let fields = shown["fields"] as? [String: Any] ?? [:]
            #expect(fields["submitted_at"] == nil && fields["page_url"] == nil, "\(shown)")
        }
    }

    /// Meta Lead Ads needs `created_time` unless the map gives `submitted_at`; the mapped `form` wins over `form_id`.
    @Test func metaLeadAdsTakesTheMappedTimeAndForm() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            let lead = try ws.write(
                "meta.json",
                text: #"[{"id":"6126554997415448","received":"2026-10-29T10:50:04+0000","form_id":"77","#
                    + #""ad_name":"stories_teacher","campaign_name":"ig_stories_oct","#
                    + #""field_data":[{"name":"email","values":["sofya@yandex.ru"]}]}]"#)
            let map = try ws.write("map.json", text: #"{"fields":{"submitted_at":"received","form":"ad_name"}}"#)
            try ws.succeed(["import", "forms", lead, "--preset", "meta-lead-ads", "--map", map])
            let shown = try ws.object(["lead", "show", "1"])
            #expect(shown["created_at"] as? String == "2026-10-29T10:50:04Z", "\(shown)")
            #expect(shown["form"] as? String == "stories_teacher", "\(shown)")
        }
    }

    /// VK callbacks carry no time: a receiver's logged time, mapped, dates the lead.
    @Test func vkLeadFormsTakeTheMappedTime() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            let event = try ws.write(
                "vk.json",
                text: #"[{"type":"lead_forms_new","group_id":1,"logged_at":"2026-11-02T09:00:00+03:00","#
                    + #""object":{"lead_id":5,"form_name":"Курс","answers":[{"key":"phone_number","answer":"+79176611866"}]}}]"#
            )
            let map = try ws.write("map.json", text: #"{"fields":{"submitted_at":"logged_at"}}"#)
            try ws.succeed(["import", "forms", event, "--preset", "vk-lead-forms", "--map", map])
            let leads = try ws.listing(["lead", "list"])
            #expect(leads.first?["created_at"] as? String == "2026-11-02T06:00:00Z", "\(leads)")
        }
    }

    /// A Metrica visit log's mapped `utm_campaign` wins over its `ym:s:UTMCampaign`, and a mapped `visitor` stands in
    /// for a missing `ym:s:clientID`.
    @Test func yandexMetricaVisitsTakeTheMappedFields() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            let visits = try ws.write(
                "visits.tsv",
                lines: [
                    "ym:s:visitID\tym:s:userID\tym:s:dateTime\tym:s:startURL\tym:s:UTMCampaign\tym:s:lastDirectClickOrderName",
                    "9001\tu-1\t2026-10-01 12:30:00\thttps://shop.example/?utm_source=yandex&utm_medium=cpc\tautumn\tОсень_поиск",
                ])
            let map = try ws.write(
                "map.json",
                text: #"{"fields":{"visitor":"ym:s:userID","utm_campaign":"ym:s:lastDirectClickOrderName"}}"#)
            try ws.succeed(["import", "clicks", visits, "--preset", "yandex-metrica", "--map", map])
            try ws.succeed([
                "lead", "add", "--phone", "8 916 123 45 67", "--visitor", "u-1", "--at", "2026-10-01T13:00:00+03:00",
            ])
            let leads = try ws.listing(["lead", "list"])
            #expect(leads.first?["campaign"] as? String == "осень_поиск", "\(leads)")
        }
    }

    /// A Meta Ads export with both `Campaign name` and `Ad set name`: a map naming `campaign` reads the ad set.
    @Test func metaAdsTakesTheMappedCampaignOverItsOwnColumn() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "RUB"])
            let file = try ws.write(
                "meta.csv",
                lines: [
                    "Day,Campaign name,Ad set name,Amount spent (RUB),Impressions",
                    "2026-10-01,autumn,autumn_women,100.00,1000",
                    "2026-10-01,autumn,autumn_men,50.00,500",
                ])
            let map = try ws.write("map.json", text: #"{"fields":{"campaign":"Ad set name"}}"#)
            try ws.succeed(["import", "spend", file, "--preset", "meta-ads", "--map", map])
            let women = try ws.object(["campaign", "show", "autumn_women"])["spend"] as? [[String: Any]] ?? []
            #expect(women.map { jsonDecimal($0["amount"]) } == [Decimal(100)], "\(women)")
            let men = try ws.object(["campaign", "show", "autumn_men"])["spend"] as? [[String: Any]] ?? []
            #expect(men.map { jsonDecimal($0["amount"]) } == [Decimal(50)], "\(men)")
        }
    }

    /// A Yandex Direct report's `Cost` is in micros; a map naming `amount` points at another column, which is read
    /// the way the file's costs are, and the mapped `currency` replaces `--currency`.
    @Test func yandexDirectTakesTheMappedAmountAndCurrency() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "RUB"])
            let file = try ws.write(
                "direct.tsv",
                lines: [
                    "\"Campaign report\"",
                    "Date\tCampaignName\tImpressions\tClicks\tCost\tCostWithVAT",
                    "2026-10-01\tautumn\t1000\t10\t100000000\t120000000",
                    "Total rows: 1",
                ])
            let map = try ws.write(
                "map.json", text: #"{"fields":{"amount":"CostWithVAT"},"constants":{"currency":"KZT"}}"#)
            try ws.succeed(["import", "spend", file, "--preset", "yandex-direct", "--map", map])
            let spend = try ws.object(["campaign", "show", "autumn"])["spend"] as? [[String: Any]] ?? []
            #expect(
                spend.map { "\(jsonDecimal($0["amount"]) ?? -1) \($0["currency"] ?? "")" } == ["120 KZT"], "\(spend)")
        }
    }
}
