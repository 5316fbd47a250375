import Foundation
import Testing

/// Issue 16 "Platform and phone hygiene": a phone that cannot be dialled is refused like any bad field (the file, the
/// record and why; the database unchanged), or set aside with `--skip-invalid`; a trunk `(0)` written the British way
/// is dropped. The number itself never appears in the message.
struct PhoneHygieneTests {
    private let lines = [
        #"{"name": "Анна", "phone": "+44 (0)20 7946 0958", "submitted_at": "2026-10-01T10:00:00Z"}"#,
        #"{"name": "Борис", "phone": "+7 0916 123-45-67", "submitted_at": "2026-10-01T11:00:00Z"}"#,
    ]

    @Test(arguments: StoreKind.allCases) func aTrunkZeroAfterTheCountryCodeRefusesTheFile(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            let file = try ws.write("forms.ndjson", lines: lines)
            let result = try ws.refuse(
                ["import", "forms", file], mentioning: "forms.ndjson", "2", "phone", "trunk 0", "+7")
            #expect(!result.stderr.contains("0916"))
        }
    }

    @Test(arguments: StoreKind.allCases) func skipInvalidSetsItAsideAndKeepsTheParenthesisedTrunk(store: StoreKind)
        throws
    {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            let file = try ws.write("forms.ndjson", lines: lines)
            let summary = try ws.importSummary(["import", "forms", file, "--skip-invalid"])
            #expect(ImportCounts(summary) == ImportCounts(read: 2, imported: 1, rejected: 1))
            let leads = try ws.listing(["lead", "list"])
            #expect(leads.count == 1)
            #expect(leads.first?["phone"] as? String == "+442079460958")
        }
    }

    /// The forms a Russian user writes one number in are one person: a 10-digit landline without its 8, an extension,
    /// the international prefix 00. A 0 right after the + is refused and the database is left as it was.
    @Test(arguments: StoreKind.allCases) func everyWrittenFormOfANumberIsOnePerson(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            func outcome(_ phone: String) throws -> (String?, Int?, String?) {
                let lead = try jsonObject(try ws.succeed(["lead", "add", "--phone", phone, "--format", "json"]).stdout)
                return (lead["outcome"] as? String, jsonInt(lead["id"]), lead["phone"] as? String)
            }
            #expect(try outcome("8 (495) 123-45-67") == ("created", 1, "+74951234567"))
            #expect(try outcome("495 123 45 67") == ("repeat", 1, "+74951234567"))
            #expect(try outcome("8 (916) 123-45-67") == ("created", 2, "+79161234567"))
            #expect(try outcome("8 (916) 123-45-67 доб. 12") == ("repeat", 2, "+79161234567"))
            #expect(try outcome("00 7 916 123 45 67") == ("repeat", 2, "+79161234567"))
            #expect(try outcome("8 10 7 916 123 45 67") == ("repeat", 2, "+79161234567"))
            #expect(try outcome("8 10 49 30 1234567") == ("created", 3, "+49301234567"))
            #expect(try outcome("+49 30 1234567") == ("repeat", 3, "+49301234567"))
            let refused = try ws.refuse(
                ["lead", "add", "--phone", "+0 916 123 45 67"], mentioning: "phone", "no country code starts with 0")
            #expect(!refused.stderr.contains("916"))
            try ws.refuse(
                ["lead", "add", "--phone", "07 916 123 45 67"], mentioning: "phone", "+ and the country code")
            #expect(try ws.listing(["lead", "list"]).count == 3)
        }
    }
}
