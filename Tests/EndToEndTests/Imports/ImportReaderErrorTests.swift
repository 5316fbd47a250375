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

    @Test func aCSVGivenToFormsSaysWhatFormsRead() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let name = try ws.write("leads.csv", lines: ["id,created_time,email", "l:1,2026-10-01T10:00:00+0000,a@b.ru"])
            try ws.refuse(["import", "forms", name], mentioning: "leads.csv: line 1:", "CSV/TSV table, not JSON")
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
