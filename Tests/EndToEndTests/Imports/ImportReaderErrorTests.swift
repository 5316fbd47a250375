import Foundation
import Testing

/// Issue 11, errors a person can act on (the reader's part), end to end against the built binary.
struct ImportReaderErrorTests {
    @Test func aPrettyPrintedObjectImportsAsOneRecord() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let name = try ws.write(
                "one.json",
                text: "{\n  \"submitted_at\": \"2026-10-05T10:00:00Z\",\n  \"name\": \"Борис\",\n  \"email\": \"boris@example.com\"\n}\n")
            #expect(ImportCounts(try ws.importSummary(["import", "forms", name])) == ImportCounts(read: 1, imported: 1))
            #expect(try ws.listing(["lead", "list"]).first?["name"] as? String == "Борис")
        }
    }

    @Test func aTildaExportWithoutItsPresetNamesThePreset() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.refuse(
                ["import", "forms", ImportSamples.path("presets/tilda-forms.json")],
                mentioning: "tilda-forms.json: record 1:", "give --preset tilda")
            try ws.refuse(
                ["import", "spend", ImportSamples.path("presets/meta-ads-en.csv")],
                mentioning: "meta-ads-en.csv: line 1:", "give --preset meta-ads")
        }
    }

    /// A table is read (a CRM's export), and one without a column a form needs is refused at its header, naming the
    /// columns it has and how to map one.
    @Test func aCSVGivenToFormsWithoutATimeColumnNamesItsColumns() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let name = try ws.write("leads.csv", lines: ["id,created_time,email", "l:1,2026-10-01T10:00:00+0000,a@b.ru"])
            try ws.refuse(
                ["import", "forms", name], mentioning: "leads.csv: line 1: no column gives 'submitted_at'",
                "'created_time'", "--map")
            let map = try ws.write("map.json", text: #"{"fields": {"submitted_at": "created_time"}}"#)
            #expect(
                ImportCounts(try ws.importSummary(["import", "forms", name, "--map", map]))
                    == ImportCounts(read: 1, imported: 1))
        }
    }

    /// A Metrica Logs API visits table given to clicks (or forms, deals) without its preset names the preset, as a
    /// platform's forms or spend file does.
    @Test func aMetricaVisitsTableWithoutItsPresetNamesIt() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let name = try ws.write(
                "metrica-visits.tsv",
                lines: [
                    "ym:s:visitID\tym:s:clientID\tym:s:dateTime\tym:s:startURL\tym:s:UTMSource",
                    "1\t2\t2026-11-02 10:15:00\thttps://site.ru/\tvk",
                ])
            for kind in ["clicks", "forms", "deals"] {
                try ws.refuse(
                    ["import", kind, name], mentioning: "metrica-visits.tsv: line 1:", "Yandex Metrica",
                    "leadtrail import clicks FILE --preset yandex-metrica")
            }
            let bare = try ws.write("visits.csv", lines: ["visitID,clientID,dateTime", "1,2,2026-11-02 10:15:00"])
            try ws.refuse(["import", "clicks", bare], mentioning: "--preset yandex-metrica")
            try ws.succeed(["import", "clicks", name, "--preset", "yandex-metrica"])
        }
    }

    /// Metrica writes a client id of 0 for a visit it gave none: the visit is kept as its own visitor (the file's
    /// visits add up to Metrica's), not a refusal of the whole file; two such visits are two visitors.
    @Test func aMetricaVisitWithClientIDZeroIsItsOwnVisitor() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let name = try ws.write(
                "visits.tsv",
                lines: [
                    "ym:s:visitID\tym:s:clientID\tym:s:dateTime\tym:s:startURL",
                    "11\t0\t2026-11-02 10:15:00\thttps://site.ru/?utm_source=vk&utm_campaign=a",
                    "12\t0\t2026-11-02 10:16:00\thttps://site.ru/?utm_source=vk&utm_campaign=a",
                    "13\t1700000000123\t2026-11-02 10:17:00\thttps://site.ru/",
                ])
            let summary = try ws.importSummary(["import", "clicks", name, "--preset", "yandex-metrica"])
            #expect(ImportCounts(summary) == ImportCounts(read: 3, imported: 3))
            #expect(try ws.integer("SELECT COUNT(DISTINCT visitor) FROM touch") == 3)
            #expect(try ws.integer("SELECT COUNT(*) FROM touch WHERE visitor = 'ym-visit:11'") == 1)
        }
    }

    /// A report saved from Metrica's interface (totals by source) is named as such, with the way to get visits.
    @Test func aMetricaInterfaceReportIsNamedAsTotalsNotVisits() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let name = try ws.write(
                "metrica-report.csv",
                lines: ["Источник трафика,Визиты,Посетители,Отказы", "Переходы из рекламы,1200,950,21.5"])
            try ws.refuse(
                ["import", "clicks", name, "--preset", "yandex-metrica"],
                mentioning: "metrica-report.csv", "report saved from Metrica's interface", "Logs API")
            #expect(try ws.integer("SELECT COUNT(*) FROM touch") == 0)
        }
    }

    /// A visit time the preset cannot read is quoted as the file writes it, under its own column — not as the
    /// `2026-11-02T10:15` the preset would have handed on.
    @Test(arguments: ["ym:s:dateTime", "ym:s:dateTimeUTC"])
    func aMetricaTimeIsQuotedAsWritten(column: String) throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let name = try ws.write(
                "visits.tsv",
                lines: ["ym:s:visitID\tym:s:clientID\t\(column)", "1\t2\t02.11.2026 10:15"])
            let refused = try ws.refuse(
                ["import", "clicks", name, "--preset", "yandex-metrica"],
                mentioning: "visits.tsv:", column, "invalid time '02.11.2026 10:15'")
            #expect(!refused.stderr.contains("T10:15") && !refused.stderr.contains("+03:00'"), "\(refused)")
        }
    }

    @Test func aMapWithAnUnknownFieldIsRefusedNamingIt() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let map = try ws.write("map.json", text: #"{"fields": {"submited_at": "created"}}"#)
            let data = try ws.write("f.ndjson", lines: [#"{"created": "2026-10-05T10:00:00Z", "email": "a@b.ru"}"#])
            try ws.refuse(
                ["import", "forms", data, "--map", map], mentioning: "map.json: unknown field 'submited_at'",
                "submitted_at")
        }
    }
}
