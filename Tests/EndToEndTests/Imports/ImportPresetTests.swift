import Foundation
import Testing

/// SPEC "Import files" and "Presets": the platforms' own export shapes, end to end, with one normalised value each
/// checked against the sample file (samples/presets/).
struct ImportPresetTests {
    private func lead(_ ws: Workspace, email: String) throws -> [String: Any] {
        let leads = try ws.listing(["lead", "list"])
        let listed = try #require(leads.first { $0["email"] as? String == email }, "no lead \(email) in \(leads)")
        return try ws.object(["lead", "show", String(try #require(jsonInt(listed["id"])))])
    }

    private func spend(_ ws: Workspace, campaign: String) throws -> [[String: Any]] {
        try ws.object(["campaign", "show", campaign])["spend"] as? [[String: Any]] ?? []
    }

    @Test func tildaForms() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let summary = try ws.importSummary(
                ["import", "forms", ImportSamples.path("presets/tilda-forms.json"), "--preset", "tilda"])
            let counts = ImportCounts(summary)
            #expect(summary["preset"] as? String == "tilda")
            #expect(counts.read == 8 && counts.addsUp, "\(counts)")
            // Tilda's {"test": "test"} ping creates no lead.
            #expect(counts.imported == 7, "\(counts)")
            #expect(try ws.listing(["lead", "list"]).count == 7)

            // "Phone": "+7 (915) 761-00-55", TILDAUTM cookie with yandex / cpc / yandex_search_courses / "курсы smm".
            let kseniya = try lead(ws, email: "kseniyafedorova93@list.ru")
            #expect(kseniya["phone"] as? String == "+79157610055")
            #expect(kseniya["name"] as? String == "Ксения Фёдорова")
            #expect(kseniya["external_id"] as? String == "6731045:7268715788")
            let touch = try #require((kseniya["journey"] as? [[String: Any]])?.first)
            #expect(touch["utm_source"] as? String == "yandex")
            #expect(touch["utm_campaign"] as? String == "yandex_search_courses")
            #expect(touch["utm_term"] as? String == "курсы smm")
            // "Email": "MARINA.KOZLOVA@MAIL.RU" is normalised.
            #expect(try lead(ws, email: "marina.kozlova@mail.ru")["phone"] as? String == "+79253079024")
        }
    }

    @Test func metaLeadAds() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let summary = try ws.importSummary(
                ["import", "forms", ImportSamples.path("presets/meta-lead-ads.json"), "--preset", "meta-lead-ads"])
            #expect(ImportCounts(summary) == ImportCounts(read: 7, imported: 7))
            let sofya = try lead(ws, email: "sofya.vinogradova@yandex.ru")
            #expect(sofya["name"] as? String == "Софья Виноградова")
            #expect(sofya["phone"] as? String == "+79166086129")
            #expect(sofya["created_at"] as? String == "2026-10-29T10:50:04Z")
            #expect(sofya["external_id"] as? String == "6126554997415448")
            // SPEC "Presets": platform fb → utm_source facebook, paid_social, campaign_name, ad_name.
            let touch = try #require((sofya["journey"] as? [[String: Any]])?.first)
            #expect(touch["utm_source"] as? String == "facebook")
            #expect(touch["utm_medium"] as? String == "paid_social")
            #expect(touch["utm_campaign"] as? String == "ig_stories_oct")
            #expect(touch["utm_content"] as? String == "stories_teacher")
            #expect(touch["channel"] as? String == "paid_social")
        }
    }

    @Test func vkLeadForms() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let summary = try ws.importSummary(
                ["import", "forms", ImportSamples.path("presets/vk-lead-forms.json"), "--preset", "vk-lead-forms"])
            #expect(ImportCounts(summary) == ImportCounts(read: 6, imported: 6))
            // "first_name": "Ксения", "phone_number": "+79176611866", "email": "kseniyasoloveva@bk.ru".
            let kseniya = try lead(ws, email: "kseniyasoloveva@bk.ru")
            #expect(kseniya["name"] as? String == "Ксения")
            #expect(kseniya["phone"] as? String == "+79176611866")
            #expect(kseniya["form"] as? String == "Заявка на курс SMM")
            // The custom question's answer is kept among the free-form fields.
            let fields = kseniya["fields"] as? [String: Any]
            #expect(fields?.values.contains { $0 as? String == "Reels и сторис" } == true, "\(String(describing: fields))")
        }
    }

    @Test func metaAdsEnglishExport() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let summary = try ws.importSummary(
                ["import", "spend", ImportSamples.path("presets/meta-ads-en.csv"), "--preset", "meta-ads"])
            #expect(ImportCounts(summary) == ImportCounts(read: 31, imported: 31))
            // "IG_Stories_Oct" → key ig_stories_oct; 31 days of "Amount spent (USD)" sum to 336.26.
            let total = try spend(ws, campaign: "ig_stories_oct")
            #expect(total.count == 1)
            #expect(total.first?["currency"] as? String == "USD")
            #expect(jsonDecimal(total.first?["amount"]) == Decimal(string: "336.26"))
            let campaign = try ws.object(["campaign", "show", "ig_stories_oct"])
            #expect(jsonInt(campaign["spend_days"]) == 31)
            // The campaign the file creates keeps its name as written, and a Meta export without a Platform column
            // is Facebook's (SPEC's platforms have no `meta`), not `other`.
            #expect(campaign["name"] as? String == "IG_Stories_Oct")
            #expect(campaign["platform"] as? String == "facebook")
        }
    }

    @Test func metaAdsFallbackPlatformNeverOverridesATouchsPlatform() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed([
                "touch", "add", "https://example.ru/?utm_source=instagram&utm_medium=cpc&utm_campaign=IG_Stories_Oct",
                "--visitor", "v1", "--at", "2026-10-01T10:00:00Z",
            ])
            try ws.succeed(["import", "spend", ImportSamples.path("presets/meta-ads-en.csv"), "--preset", "meta-ads"])
            #expect(try ws.object(["campaign", "show", "ig_stories_oct"])["platform"] as? String == "instagram")
        }
    }

    @Test func metaAdsRussianExport() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let summary = try ws.importSummary(
                ["import", "spend", ImportSamples.path("presets/meta-ads-ru.csv"), "--preset", "meta-ads"])
            #expect(ImportCounts(summary) == ImportCounts(read: 31, imported: 31))
            let total = try spend(ws, campaign: "ig_stories_oct")
            #expect(total.first?["currency"] as? String == "USD")
            #expect(jsonDecimal(total.first?["amount"]) == Decimal(string: "336.26"))
        }
    }

    @Test func vkAdsExport() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let summary = try ws.importSummary(
                ["import", "spend", ImportSamples.path("presets/vk-ads.csv"), "--preset", "vk-ads", "--currency", "RUB"])
            #expect(ImportCounts(summary) == ImportCounts(read: 109, imported: 109))
            // "2 267,74" style amounts (Russian locale) in the "Потрачено, ₽" column.
            let autumn = try spend(ws, campaign: "vk_autumn_sale")
            #expect(autumn.first?["currency"] as? String == "RUB")
            #expect(jsonDecimal(autumn.first?["amount"]) == Decimal(string: "91003.43"))
            #expect(jsonDecimal(try spend(ws, campaign: "vk_retarget").first?["amount"]) == Decimal(string: "42415.40"))
            #expect(jsonDecimal(try spend(ws, campaign: "black_friday").first?["amount"]) == Decimal(string: "32550.78"))
        }
    }

    @Test func yandexDirectExport() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let summary = try ws.importSummary(
                [
                    "import", "spend", ImportSamples.path("presets/yandex-direct.tsv"), "--preset", "yandex-direct",
                    "--currency", "RUB",
                ])
            // A title line, a header and a "Total rows" line around 122 rows; Cost is in millionths.
            #expect(ImportCounts(summary) == ImportCounts(read: 122, imported: 122))
            let courses = try spend(ws, campaign: "yandex_search_courses")
            #expect(courses.first?["currency"] as? String == "RUB")
            #expect(jsonDecimal(courses.first?["amount"]) == Decimal(string: "107263.12"))
            #expect(jsonDecimal(try spend(ws, campaign: "yandex_search_brand").first?["amount"]) == Decimal(string: "30082.18"))
            let campaign = try ws.object(["campaign", "show", "yandex_search_brand"])
            #expect(campaign["platform"] as? String == "yandex")
            #expect(jsonInt(campaign["spend_days"]) == 61)
        }
    }

    /// SPEC "What an import promises": importing the same file twice changes nothing the second time, also for
    /// preset records that carry no time of their own (Tilda, VK callbacks take the time of the import).
    @Test(arguments: [
        ("presets/tilda-forms.json", "tilda"), ("presets/vk-lead-forms.json", "vk-lead-forms"),
        ("presets/meta-lead-ads.json", "meta-lead-ads"),
    ])
    func reimportingAPresetFormsFileChangesNothing(_ sample: String, _ preset: String) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let arguments = ["import", "forms", ImportSamples.path(sample), "--preset", preset]
            let first = ImportCounts(try ws.importSummary(arguments))
            let before = try ws.dump(excluding: ["import_batch"])
            let second = ImportCounts(try ws.importSummary(arguments))
            #expect(second == ImportCounts(read: first.read, imported: 0, skipped: first.read), "second import: \(second)")
            let after = try ws.dump(excluding: ["import_batch"])
            expectSameDump(before, after, "a second import of the same \(preset) file changed data")
        }
    }
}
