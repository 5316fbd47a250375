import Foundation
import Testing

/// SPEC "What an import promises": any split of the same records gives the same data. Two clicks whose campaign is
/// `йога`, spelt once with `й` precomposed and once as `и` and a combining breve (canonically equal, different bytes),
/// are one campaign whether they come in one file or in two; and a form with the other spelling five minutes after
/// one of them is that click's session (SPEC "Same-session rule"), so its touch is not counted again.
struct CanonicalSpellingImportTests {
    static let composed = "%D0%B9%D0%BE%D0%B3%D0%B0"
    static let decomposed = "%D0%B8%CC%86%D0%BE%D0%B3%D0%B0"

    static func url(_ campaign: String) -> String {
        "https://school.example/?utm_source=vk&utm_medium=cpc&utm_campaign=\(campaign)"
    }

    static func click(_ id: String, _ campaign: String, minute: String, visitor: String) -> String {
        #"{"id": "\#(id)", "at": "2026-10-05T12:\#(minute):00Z", "visitor": "\#(visitor)", "url": "\#(url(campaign))"}"#
    }

    /// A CSV's column `name` of the row whose first field is `key`.
    static func field(_ csv: String, row key: String, column name: String) -> String? {
        let lines = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        guard let header = lines.first, let column = header.firstIndex(where: { $0 == name }) else { return nil }
        return lines.dropFirst().first { $0.first.map(String.init) == key }.map { String($0[column]) }
    }

    @Test func canonicallyEqualSpellingsAreOneCampaignInOneFileOrTwo() throws {
        let first = Self.click("c1", Self.composed, minute: "00", visitor: "v1")
        let second = Self.click("c2", Self.decomposed, minute: "05", visitor: "v2")
        let form = #"{"id": "f1", "submitted_at": "2026-10-05T12:10:00Z", "name": "Анна", "phone": "8 (916) 123-45-67", "visitor": "v2", "page_url": "\#(Self.url(Self.composed))"}"#
        var outputs: [[String]] = []
        for split in [false, true] {
            try Workspace.with { ws in
                try ws.succeed(["init"])
                if split {
                    try ws.succeed(["import", "clicks", ws.write("a.ndjson", lines: [first])])
                    try ws.succeed(["import", "clicks", ws.write("b.ndjson", lines: [second])])
                } else {
                    try ws.succeed(["import", "clicks", ws.write("both.ndjson", lines: [first, second])])
                }
                try ws.succeed(["import", "forms", ws.write("forms.ndjson", lines: [form])])
                #expect(try ws.count("campaign") == 1, "split: \(split)")
                let roas = try ws.succeed([
                    "report", "roas", "--by", "campaign", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "csv",
                ]).stdout
                // The two clicks; the form's touch is the second click's session.
                #expect(Self.field(roas, row: "йога", column: "touches") == "2", "split: \(split)\n\(roas)")
                #expect(Self.field(roas, row: "йога", column: "leads") == "1", "split: \(split)\n\(roas)")
                outputs.append([try ws.succeed(["campaign", "list", "--format", "csv"]).stdout, roas])
            }
        }
        #expect(outputs.count == 2 && outputs[0] == outputs[1])
    }
}
