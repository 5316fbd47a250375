import Foundation
import Testing

/// SPEC "Security and privacy": a CSV cell a spreadsheet would run as a formula is written with a leading `'`
/// (OWASP's rule); numbers are not touched; a rejects file keeps records verbatim.
struct SpreadsheetSafeCSVTests {
    /// Splits CSV text into rows of fields (RFC 4180 quoting), enough for what the tool writes.
    private func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        return rows
    }

    @Test func formulaLikeNamesAndFormsGetALeadingApostrophe() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let names = [
                "=HYPERLINK(\"http://evil.example\",\"Click\")", "+7 (916) звонок", "-2+3", "@SUM(A1:A9)", "Анна",
                "O'Brien",
            ]
            // Names are trimmed on input; a source keeps its leading tab or carriage return.
            let sources = ["\tТаргет ВК", "\rЗвонок", "сайт", "-", "Instagram", "+"]
            for (index, name) in names.enumerated() {
                try ws.succeed([
                    // `--name=…`: a value beginning with `-` would read as an option otherwise.
                    "lead", "add", "--name=\(name)", "--phone", "8 916 100-00-0\(index)", "--form",
                    "=cmd|' /C calc'!A0",
                    "--source=\(sources[index])",
                    "--at", "2026-10-0\(index + 1)T10:00:00Z",
                ])
            }
            let rows = csvRows(try ws.succeed(["lead", "list", "--format", "csv"]).stdout)
            let header = try #require(rows.first)
            let name = try #require(header.firstIndex(of: "name"))
            let form = try #require(header.firstIndex(of: "form"))
            let phone = try #require(header.firstIndex(of: "phone"))
            let source = try #require(header.firstIndex(of: "source"))
            let id = try #require(header.firstIndex(of: "id"))
            let byName = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[id], $0) })
            for (index, original) in names.enumerated() {
                let cells = try #require(byName[String(index + 1)])
                let dangerous = ["=", "+", "-", "@", "\t", "\r"].contains { original.hasPrefix($0) }
                #expect(cells[name] == (dangerous ? "'" + original : original), "\(cells)")
                #expect(cells[form] == "'=cmd|' /C calc'!A0")
                let risky = ["=", "+", "-", "@", "\t", "\r"].contains { sources[index].hasPrefix($0) }
                #expect(cells[source] == (risky ? "'" + sources[index] : sources[index]), "\(cells)")
                // A phone is a number: written as it is, not as text.
                #expect(cells[phone] == "+7916100000\(index)")
            }
            // JSON and tables are not spreadsheets: the values stay as they were.
            let json = try ws.listing(["lead", "list"])
            #expect(Set(json.compactMap { $0["name"] as? String }) == Set(names))
        }
    }

    @Test func reportCSVGuardsItsKeysButNotItsNumbers() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "RUB"])
            try ws.succeed([
                "touch", "add", "--visitor", "v-1", "--at", "2026-10-01T10:00:00Z",
                "https://laska-studio.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=%3D1%2B2",
            ])
            try ws.succeed([
                "spend", "add", "=1+2", "1000.00", "--date", "2026-10-01", "--platform", "vk",
            ])
            let result = try ws.succeed([
                "report", "roas", "--by", "campaign", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "csv",
            ])
            let rows = csvRows(result.stdout)
            let header = try #require(rows.first)
            let romi = try #require(header.firstIndex(of: "romi"))
            let row = try #require(rows.first { $0.first?.contains("1+2") == true }, "\(result)")
            #expect(row.first == "'=1+2", "\(result)")
            // ROMI with spend and no revenue is -1: a number, written as it is.
            #expect(row[romi] == "-1", "\(result)")
        }
    }

    @Test func aRejectsFileKeepsTheRecordVerbatim() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let bad = #"{"at": "=1+2", "visitor": "@v-1"}"#
            let file = try ws.write("clicks.ndjson", lines: [bad])
            try ws.succeed(["import", "clicks", file, "--skip-invalid", "--rejects", "rejects.ndjson"])
            let line = try String(contentsOf: ws.path("rejects.ndjson"), encoding: .utf8)
            let object = try jsonObject(line)
            #expect(object["record"] as? String == bad)
        }
    }
}
