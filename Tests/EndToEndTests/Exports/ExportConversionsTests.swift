import Foundation
import Testing

/// Issue 15: clicks from Yandex Metrica's visit log, forms carrying `_ym_uid`, and conversions exported back to
/// Yandex Metrica, Meta, Google Ads and VK — run through the built binary on files in a temporary folder.
@Suite("Conversions back to the ad platforms")
struct ExportConversionsTests {
    /// Whole seconds, so that the expected Unix times are exact.
    static let now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970).rounded(.down))

    static func ago(days: Double, hours: Double = 0) -> Date {
        now.addingTimeInterval(-(days * 86_400 + hours * 3_600))
    }

    /// `2026-10-01 12:30:00` in Moscow time, as Metrica writes `ym:s:dateTime` for a Moscow counter.
    static func metricaTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Moscow")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func day(_ date: Date) -> String { String(rfc3339(date).prefix(10)) }

    static func unix(_ date: Date) -> String { String(Int64(date.timeIntervalSince1970)) }

    /// Metrica visits of four client ids, Tilda forms from three of them (the client id in the cookies), a generic
    /// form whose client id's last visit is two months before its sale, and one person without any client id.
    static func yandexDatabase(_ ws: Workspace) throws -> (annaWon: Date, borisWon: Date, asOf: Date) {
        try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
        let visits = [
            "ym:s:visitID\tym:s:clientID\tym:s:dateTime\tym:s:startURL\tym:s:referer\tym:s:UTMSource\tym:s:UTMMedium"
                + "\tym:s:UTMCampaign\tym:s:UTMContent\tym:s:UTMTerm\tym:s:lastYclid",
            "9001\t1729000000111111111\t\(metricaTime(ago(days: 10)))\t"
                + "https://shop.example/?utm_source=yandex&utm_medium=cpc&utm_campaign=autumn&yclid=555001\t\t\t\t\t\t\t0",
            "9002\t1729000000222222222\t\(metricaTime(ago(days: 5)))\thttps://shop.example/landing\t"
                + "https://yandex.ru/\tyandex\tcpc\tautumn\tbanner_a\t\t555002",
            "9003\t1729000000333333333\t\(metricaTime(ago(days: 4)))\thttps://shop.example/\t\t\t\t\t\t\t0",
            "9004\t1729000000444444444\t\(metricaTime(ago(days: 61)))\thttps://shop.example/?yclid=555004\t\t\t\t\t\t\t0",
        ]
        try (visits.joined(separator: "\n") + "\n").write(to: ws.path("visits.tsv"), atomically: true, encoding: .utf8)
        let imported = try ws.succeed([
            "import", "clicks", "visits.tsv", "--preset", "yandex-metrica", "--format", "json",
        ])
        #expect(try jsonObject(imported.stdout)["imported"] as? Int == 4, "\(imported)")

        let tilda: [[String: Any]] = [
            [
                "Name": "Анна Петрова", "Phone": "8 (916) 123-45-67", "tranid": "t-1", "formid": "form1",
                "COOKIES": "_ga=GA1.2.3; _ym_uid=1729000000111111111; _ym_d=1729000000",
            ],
            [
                "Name": "Борис", "Email": "boris@example.com", "tranid": "t-2", "formid": "form1",
                "COOKIES": "_ym_uid=1729000000222222222",
            ],
            [
                "Name": "Вера", "Email": "vera@example.com", "tranid": "t-3", "formid": "form1",
                "COOKIES": "_ym_uid=1729000000333333333",
            ],
            ["Name": "Дарья", "Phone": "+7 903 111-22-33", "tranid": "t-4", "formid": "form1"],
        ]
        try JSONSerialization.data(withJSONObject: tilda).write(to: ws.path("tilda.json"))
        try ws.succeed(["import", "forms", "tilda.json", "--preset", "tilda"])
        let generic: [String: Any] = [
            "submitted_at": rfc3339(ago(days: 60)), "email": "gleb@example.com", "_ym_uid": "1729000000444444444",
        ]
        try JSONSerialization.data(withJSONObject: [generic]).write(to: ws.path("old.json"))
        try ws.succeed(["import", "forms", "old.json"])

        let leads = try jsonArray(try ws.succeed(["lead", "list", "--format", "json"]).stdout)
        func lead(_ name: String?, email: String? = nil) throws -> String {
            let match = try #require(
                leads.first { ($0["name"] as? String) == name && (email == nil || ($0["email"] as? String) == email) })
            return String(try #require(jsonInt(match["id"])))
        }
        let anna = try lead("Анна Петрова")
        let boris = try lead("Борис")
        let vera = try lead("Вера")
        let darya = try lead("Дарья")
        let gleb = try lead(nil, email: "gleb@example.com")
        // Each person wins a deal; Vera is then erased.
        // Tilda forms take the import's time: the deals close in the hour after it, and the export is "uploaded"
        // an hour after that.
        let importedAt = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.up))
        func later(_ minutes: Double) -> Date { importedAt.addingTimeInterval(minutes * 60) }
        let annaWon = later(20)
        let borisWon = later(40)
        for (number, (lead, amount, won)) in [
            (anna, "12500.00", annaWon), (boris, "8000.50", borisWon), (vera, "3000.00", later(30)),
            (darya, "1000.00", later(50)), (gleb, "700.00", later(55)),
        ].enumerated() {
            try ws.succeed(["deal", "add", lead, amount, "RUB", "--at", rfc3339(won.addingTimeInterval(-600))])
            try ws.succeed(["deal", "won", String(number + 1), "--at", rfc3339(won)])
        }
        try ws.succeed(["lead", "forget", vera])
        return (annaWon, borisWon, later(120))
    }

    @Test func yandexMetricaNamesTheClientIDsOfThePeopleWhoPaid() throws {
        try Workspace.with { ws in
            let (annaWon, borisWon, asOf) = try Self.yandexDatabase(ws)
            let period = [
                "--from", Self.day(Self.ago(days: 90)), "--to", Self.day(Self.now.addingTimeInterval(2 * 86_400)),
                "--as-of", Self.rfc3339(asOf),
            ]
            let result = try ws.succeed(
                ["export", "conversions", "--platform", "yandex-metrica", "--event", "won"] + period + [
                    "--name", "paid_order",
                ])
            #expect(
                result.stdout == """
                    ClientId,Target,DateTime,Price,Currency
                    1729000000111111111,paid_order,\(Self.unix(annaWon)),12500.00,RUB
                    1729000000222222222,paid_order,\(Self.unix(borisWon)),8000.50,RUB

                    """, "\(result)")
            // Darya has no client id; Gleb's last visit is two months before his sale; Vera was forgotten.
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.contains("2 yandex-metrica won conversions"), "\(result)")
            #expect(result.stderr.contains("1 no click id"), "\(result)")
            #expect(result.stderr.contains("1 outside the window (21 days after the click)"), "\(result)")
            #expect(result.stderr.contains("1 forgotten person"), "\(result)")
            #expect(!result.stdout.contains("1729000000333333333"), "a forgotten person is never exported")

            // The same by yclid: Anna's from her landing URL, Boris's from the log's lastYclid column.
            let byYclid = try ws.succeed(
                ["export", "conversions", "--platform", "yandex-metrica", "--event", "won", "--yandex-id", "yclid"]
                    + period + ["--out", "yclid.csv"])
            #expect(byYclid.stdout.isEmpty)
            let file = try String(contentsOf: ws.path("yclid.csv"), encoding: .utf8)
            #expect(
                file == """
                    Yclid,Target,DateTime,Price,Currency
                    555001,won,\(Self.unix(annaWon)),12500.00,RUB
                    555002,won,\(Self.unix(borisWon)),8000.50,RUB

                    """, "\(file)")
            #expect(byYclid.stderr.contains("written to yclid.csv"), "\(byYclid)")
            // `--out -` is standard output, as for other tools; no file named '-' appears.
            let dash = try ws.succeed(
                ["export", "conversions", "--platform", "yandex-metrica", "--event", "won", "--yandex-id", "yclid"]
                    + period + ["--out", "-"])
            #expect(dash.stdout == file, "\(dash)")
            #expect(!FileManager.default.fileExists(atPath: ws.path("-").path))

            // The Metrica visits are ordinary touches: the autumn campaign gets Boris's sale in the reports.
            let report = try jsonObject(
                try ws.succeed(
                    ["report", "attribution", "--model", "last_touch", "--format", "json"] + period.prefix(4)
                ).stdout)
            let rows = try #require(report["rows"] as? [[String: Any]])
            #expect(rows.contains { $0["key"] as? String == "autumn" }, "\(report)")
        }
    }

    /// Meta and Google from clicks with fbclid and gclid, forms with contacts written as people write them.
    static func adDatabase(_ ws: Workspace) throws -> (
        elenaWon: Date, elenaCreated: Date, fedorCreated: Date, fbclick: Date
    ) {
        try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
        let gclick = ago(days: 3)
        let fbclick = ago(days: 2)
        let clicks = [
            ["at": rfc3339(gclick), "visitor": "v-elena", "url": "https://shop.example/?gclid=G-CLICK-1"],
            ["at": rfc3339(fbclick), "visitor": "v-fedor", "url": "https://shop.example/?fbclid=FB-CLICK-2"],
        ]
        try clicks.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
            .joined(separator: "\n").write(to: ws.path("clicks.ndjson"), atomically: true, encoding: .utf8)
        try ws.succeed(["import", "clicks", "clicks.ndjson"])
        let elenaCreated = ago(days: 2, hours: 20)
        let fedorCreated = ago(days: 1, hours: 20)
        let forms: [[String: Any]] = [
            [
                "submitted_at": rfc3339(elenaCreated), "name": "Елена", "email": " Anna@Example.COM ",
                "phone": "8 (916) 123-45-67", "visitor": "v-elena",
            ],
            ["submitted_at": rfc3339(fedorCreated), "name": "Фёдор", "email": "ИВАН@Почта.РФ", "visitor": "v-fedor"],
            ["submitted_at": rfc3339(ago(days: 20)), "name": "Галина", "phone": "+7 903 111-22-33"],
        ]
        try JSONSerialization.data(withJSONObject: forms).write(to: ws.path("forms.json"))
        try ws.succeed(["import", "forms", "forms.json"])
        let elenaWon = ago(days: 1)
        // Forms are processed in time order: Galina is lead 1, Elena 2, Fedor 3.
        try ws.succeed(["deal", "add", "2", "45000.00", "RUB", "--at", rfc3339(ago(days: 2))])
        try ws.succeed(["deal", "won", "1", "--at", rfc3339(elenaWon)])
        try ws.succeed(["deal", "add", "3", "990.00", "RUB", "--at", rfc3339(ago(days: 1))])
        try ws.succeed(["deal", "won", "2", "--at", rfc3339(ago(days: 0, hours: 3))])
        return (elenaWon, elenaCreated, fedorCreated, fbclick)
    }

    @Test func metaGetsHashedContactsAndTheFbclidAndGoogleTheGclid() throws {
        try Workspace.with { ws in
            let (elenaWon, elenaCreated, fedorCreated, fbclick) = try Self.adDatabase(ws)
            let period = [
                "--from", Self.day(Self.ago(days: 40)), "--to", Self.day(Self.now.addingTimeInterval(86_400)),
            ]
            let meta = try ws.succeed(["export", "conversions", "--platform", "meta", "--event", "lead"] + period)
            let lines = meta.stdoutLines.filter { !$0.isEmpty }
            try #require(lines.count == 2, "\(meta)")
            let elena = try jsonObject(lines[0])
            let fedor = try jsonObject(lines[1])
            #expect(elena["event_name"] as? String == "Lead")
            #expect(elena["action_source"] as? String == "system_generated")
            #expect(jsonInt(elena["event_time"]).map(String.init) == Self.unix(elenaCreated))
            #expect(elena["event_id"] as? String == "leadtrail-lead-2")
            let elenaUser = try #require(elena["user_data"] as? [String: Any])
            // sha256sum of "anna@example.com" and of "79161234567", computed outside LeadTrail.
            #expect(
                elenaUser["em"] as? [String] == ["f7d54c22dda5b1780276601cd005909b70543fc4a6ba72d735b4cb9bbb611f01"])
            #expect(
                elenaUser["ph"] as? [String] == ["1210f4f193f6032e91cd7117a785a1be09550d79076c4717cdae4c0c45691a30"])
            #expect(elenaUser["fbc"] == nil)
            let fedorUser = try #require(fedor["user_data"] as? [String: Any])
            // sha256sum of "иван@почта.рф".
            #expect(
                fedorUser["em"] as? [String] == ["e58064d94f89da254b86fdd53f1fda26f2f2bab4aeb0a759e0fd74dc8425739c"])
            #expect(fedorUser["fbc"] as? String == "fb.1.\(Int64(fbclick.timeIntervalSince1970 * 1000)).FB-CLICK-2")
            #expect(jsonInt(fedor["event_time"]).map(String.init) == Self.unix(fedorCreated))
            // Galina's request is 20 days old: past Meta's 7 days.
            #expect(meta.stderr.contains("1 outside the window (7 days before the upload)"), "\(meta)")

            let won = try ws.succeed(["export", "conversions", "--platform", "meta", "--event", "won"] + period)
            let purchase = try jsonObject(try #require(won.stdoutLines.first))
            #expect(purchase["event_name"] as? String == "Purchase")
            let custom = try #require(purchase["custom_data"] as? [String: Any])
            #expect(jsonDecimal(custom["value"]) == Decimal(string: "45000.00"))
            #expect(custom["currency"] as? String == "RUB")

            let google = try ws.succeed(
                ["export", "conversions", "--platform", "google-ads", "--event", "won", "--name", "Оплата"] + period)
            let moscow = DateFormatter()
            moscow.locale = Locale(identifier: "en_US_POSIX")
            moscow.timeZone = TimeZone(identifier: "Europe/Moscow")
            moscow.dateFormat = "yyyy-MM-dd HH:mm:ss"
            #expect(
                google.stdout == """
                    Google Click ID,Conversion Name,Conversion Time,Conversion Value,Conversion Currency
                    G-CLICK-1,Оплата,\(moscow.string(from: elenaWon))+03:00,45000.00,RUB

                    """, "\(google)")
            // Fedor came by a Meta click: no gclid.
            #expect(google.stderr.contains("1 google-ads won conversion,"), "\(google)")
            #expect(google.stderr.contains("1 no click id"), "\(google)")

            // Forgotten: absent from every platform's file.
            try ws.succeed(["lead", "forget", "2"])
            let after = try ws.succeed(["export", "conversions", "--platform", "meta", "--event", "lead"] + period)
            #expect(!after.stdout.contains("f7d54c22"), "\(after)")
            #expect(after.stderr.contains("1 forgotten person"), "\(after)")
        }
    }

    /// A qualification the team took back (`lead stage --correct`) is never sent to a platform; qualified again, the
    /// lead is sent with the time of the move that stands.
    @Test func aCorrectedQualificationIsNotSentAndTheOneThatStandsIs() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            try
                #"{"at": "\#(Self.rfc3339(Self.ago(days: 3)))", "visitor": "v-1", "url": "https://shop.example/?gclid=G-1"}"#
                .write(to: ws.path("clicks.ndjson"), atomically: true, encoding: .utf8)
            try ws.succeed(["import", "clicks", "clicks.ndjson"])
            try ws.succeed([
                "lead", "add", "--name", "Анна", "--phone", "8 (916) 123-45-67", "--visitor", "v-1", "--at",
                Self.rfc3339(Self.ago(days: 2, hours: 20)),
            ])
            try ws.succeed(["lead", "stage", "1", "qualified", "--at", Self.rfc3339(Self.ago(days: 2))])
            try ws.succeed(["lead", "stage", "1", "contacted", "--correct", "--at", Self.rfc3339(Self.ago(days: 1))])
            let period = [
                "--from", Self.day(Self.ago(days: 10)), "--to", Self.day(Self.now.addingTimeInterval(86_400)),
            ]
            let export = ["export", "conversions", "--platform", "google-ads", "--event", "qualified"] + period
            let withdrawn = try ws.succeed(export)
            #expect(withdrawn.stdoutLines.filter { !$0.isEmpty }.count == 1, "only the header: \(withdrawn)")
            #expect(withdrawn.stderr.hasPrefix("no google-ads qualified conversions"), "\(withdrawn)")

            let again = Self.ago(days: 0, hours: 5)
            try ws.succeed(["lead", "stage", "1", "qualified", "--at", Self.rfc3339(again)])
            let sent = try ws.succeed(export)
            let rows = sent.stdoutLines.filter { !$0.isEmpty }.dropFirst()
            try #require(rows.count == 1, "\(sent)")
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "Europe/Moscow")
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
            #expect(rows.first?.hasPrefix("G-1,qualified,\(formatter.string(from: again))+03:00") == true, "\(sent)")
        }
    }

    @Test func anEmptyPeriodWritesTheHeaderAndSaysSo() throws {
        try Workspace.with { ws in
            _ = try Self.adDatabase(ws)
            let result = try ws.succeed([
                "export", "conversions", "--platform", "google-ads", "--event", "won", "--from", "2020-01-01", "--to",
                "2020-01-31",
            ])
            #expect(
                result.stdout
                    == "Google Click ID,Conversion Name,Conversion Time,Conversion Value,Conversion Currency\n")
            #expect(result.stderr == "no google-ads won conversions, 2020-01-01 to 2020-01-31 to export\n", "\(result)")
        }
    }

    @Test func badPlatformsEventsAndMissingRatesAreOneLineErrors() throws {
        try Workspace.with { ws in
            _ = try Self.adDatabase(ws)
            try ws.refuse(["export", "conversions", "--platform", "tiktok", "--event", "won"], mentioning: "tiktok")
            try ws.refuse(["export", "conversions", "--platform", "meta", "--event", "signup"], mentioning: "signup")
            try ws.refuse(["export", "conversions", "--platform", "meta"], mentioning: "--event")
            try ws.refuse(
                ["export", "conversions", "--platform", "meta", "--event", "won", "--yandex-id", "yclid"],
                mentioning: "yandex-metrica")
            // A deal in dollars with no USD→RUB rate: the export names the pair instead of guessing.
            try ws.succeed(["deal", "add", "1", "100.00", "USD", "--at", Self.rfc3339(Self.ago(days: 1))])
            try ws.succeed(["deal", "won", "3", "--at", Self.rfc3339(Self.ago(days: 0, hours: 2))])
            let period = [
                "--from", Self.day(Self.ago(days: 40)), "--to", Self.day(Self.now.addingTimeInterval(86_400)),
            ]
            try ws.refuse(
                ["export", "conversions", "--platform", "meta", "--event", "won"] + period, mentioning: "USD", "RUB")
            try ws.refuse(
                ["export", "conversions", "--platform", "meta", "--event", "lead", "--out", "no/such/folder/x.jsonl"]
                    + period, mentioning: "no/such/folder/x.jsonl")
        }
    }

    @Test func metaLeadAdsLeadsCarryTheirLeadIDAndVKGetsTheClickID() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            let created = Self.ago(days: 1)
            let page: [String: Any] = [
                "data": [
                    [
                        "created_time": Self.rfc3339(created), "id": "6126554997415448", "campaign_name": "ig_oct",
                        "ad_name": "stories", "platform": "ig",
                        "field_data": [
                            ["name": "full_name", "values": ["Софья"]],
                            ["name": "email", "values": ["sofya@yandex.ru"]],
                        ],
                    ]
                ]
            ]
            try JSONSerialization.data(withJSONObject: page).write(to: ws.path("meta.json"))
            try ws.succeed(["import", "forms", "meta.json", "--preset", "meta-lead-ads"])
            // An explicit period: the default (this month) would miss yesterday on the 1st.
            let period = ["--from", Self.day(Self.ago(days: 3)), "--to", Self.day(Self.now.addingTimeInterval(86_400))]
            let meta = try ws.succeed(["export", "conversions", "--platform", "meta", "--event", "lead"] + period)
            let event = try jsonObject(try #require(meta.stdoutLines.first))
            let user = try #require(event["user_data"] as? [String: Any])
            #expect((user["lead_id"] as? NSNumber)?.int64Value == 6_126_554_997_415_448, "\(meta)")
            #expect(meta.stdout.contains("\"lead_id\":6126554997415448"), "the lead id unhashed, as a number")

            // A VK click with rb_clickid, then a form from that visitor: VK's file names the click.
            let click: [String: Any] = [
                "at": Self.rfc3339(Self.ago(days: 0, hours: 5)), "visitor": "v-vk",
                "url": "https://shop.example/?utm_source=vk&utm_medium=target&rb_clickid=8568060511-219299803",
            ]
            try JSONSerialization.data(withJSONObject: [click]).write(to: ws.path("clicks.json"))
            try ws.succeed(["import", "clicks", "clicks.json"])
            let form: [String: Any] = [
                "submitted_at": Self.rfc3339(Self.ago(days: 0, hours: 4)), "phone": "8 903 000-00-01",
                "visitor": "v-vk",
            ]
            try JSONSerialization.data(withJSONObject: [form]).write(to: ws.path("form.json"))
            try ws.succeed(["import", "forms", "form.json"])
            let vk = try ws.succeed(["export", "conversions", "--platform", "vk", "--event", "lead"] + period)
            let created2 = Self.ago(days: 0, hours: 4)
            #expect(
                vk.stdout == """
                    rb_clickid,goal,event_time,value,currency
                    8568060511-219299803,lead,\(Self.unix(created2)),,

                    """, "\(vk)")
            #expect(vk.stderr.contains("1 no click id"), "Sofya came from a Meta form: \(vk)")
            try ws.refuse(
                ["export", "conversions", "--platform", "vk", "--event", "lead", "--out", "."],
                mentioning: "is a folder")
        }
    }

    @Test func aClickIDInAHiddenFormFieldReachesTheExport() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            // Tilda passes hidden fields through as they are: the landing page copied gclid into one.
            let tilda: [[String: Any]] = [
                ["Name": "Олег", "Phone": "8 (926) 555-44-33", "tranid": "t-9", "gclid": "G-HIDDEN-7"]
            ]
            try JSONSerialization.data(withJSONObject: tilda).write(to: ws.path("tilda.json"))
            try ws.succeed(["import", "forms", "tilda.json", "--preset", "tilda"])
            // The form took the import's time: the deal is won after it, the file uploaded after that.
            let won = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.up) + 60)
            try ws.succeed(["deal", "add", "1", "5000.00", "RUB", "--at", Self.rfc3339(won.addingTimeInterval(-30))])
            try ws.succeed(["deal", "won", "1", "--at", Self.rfc3339(won)])
            let period = [
                "--from", Self.day(Self.ago(days: 2)), "--to", Self.day(Self.now.addingTimeInterval(2 * 86_400)),
                "--as-of", Self.rfc3339(won.addingTimeInterval(600)),
            ]
            let google = try ws.succeed(
                ["export", "conversions", "--platform", "google-ads", "--event", "won"] + period)
            #expect(google.stdoutLines.count >= 2 && google.stdoutLines[1].hasPrefix("G-HIDDEN-7,won,"), "\(google)")
        }
    }

    /// Google Ads refuses a click too old to import (90 days) and Metrica adds conversions to a visit for 21 days:
    /// counted back from `--as-of`, the upload, not only from the conversion. A row whose click or visit is older at
    /// the upload is left out and counted, as Meta's are.
    @Test func googleAndMetricaWindowsCountBackFromTheUpload() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            let forms = [
                #"{"id":"w1","submitted_at":"2026-11-20T14:00:00+03:00","name":"Олег","phone":"+7 901 234-56-78","form":"f","#
                    + #""page_url":"https://x.ru/?utm_source=google&utm_medium=cpc&utm_campaign=g&gclid=GCLID_W1"}"#,
                #"{"id":"w2","submitted_at":"2026-11-20T15:00:00+03:00","name":"Ира","phone":"+7 902 234-56-78","form":"f","#
                    + #""_ym_uid":"1729000000555555555"}"#,
            ]
            try (forms.joined(separator: "\n") + "\n").write(to: ws.path("w.ndjson"), atomically: true, encoding: .utf8)
            try ws.succeed(["import", "forms", "w.ndjson"])
            let period = ["--event", "lead", "--from", "2026-11-01", "--to", "2026-11-30"]
            func export(_ platform: String, asOf: String) throws -> RunResult {
                try ws.succeed(["export", "conversions", "--platform", platform] + period + ["--as-of", asOf])
            }

            // 101 days after the click: Google would refuse it.
            let late = try export("google-ads", asOf: "2027-03-01T00:00:00+03:00")
            #expect(
                late.stdout == "Google Click ID,Conversion Name,Conversion Time,Conversion Value,Conversion Currency\n")
            #expect(late.stderrLines.count == 1, "\(late)")
            #expect(late.stderr.contains("1 outside the window (90 days after the click)"), "\(late)")
            // 71 days after it: still in.
            let inTime = try export("google-ads", asOf: "2027-01-30T00:00:00+03:00")
            #expect(inTime.stdout.contains("GCLID_W1,lead,2026-11-20 14:00:00+03:00"), "\(inTime)")
            #expect(!inTime.stderr.contains("outside the window"), "\(inTime)")

            // The Metrica client id's last visit is the form itself (2026-11-20 15:00): 22 days later is too late.
            let metricaLate = try export("yandex-metrica", asOf: "2026-12-12T16:00:00+03:00")
            #expect(metricaLate.stdout == "ClientId,Target,DateTime,Price,Currency\n", "\(metricaLate)")
            #expect(metricaLate.stderr.contains("1 outside the window (21 days after the click)"), "\(metricaLate)")
            let metricaInTime = try export("yandex-metrica", asOf: "2026-12-10T16:00:00+03:00")
            #expect(metricaInTime.stdout.contains("1729000000555555555,lead,"), "\(metricaInTime)")
        }
    }
}
