import Foundation
import Testing

/// SPEC "What an import promises": one bad record rejects the whole file, the one-line error names the file, the
/// record (line or index) and the field, and the database is left exactly as it was.
struct ImportAllOrNothingTests {
    /// `init`, three clicks (batch 1) and one lead from a form (batch 2): a database with something to lose.
    private func prepared(_ ws: Workspace) throws {
        try ws.succeed(["init"])
        try ws.succeed(["import", "clicks", ws.write("good-clicks.ndjson", lines: threeGoodClicks)])
        try ws.succeed([
            "import", "forms",
            ws.write(
                "good-forms.ndjson",
                lines: [
                    #"{"id": "f-1", "submitted_at": "2026-10-01T12:00:00+03:00", "name": "Анна", "phone": "8 (916) 123-45-67", "visitor": "v-1"}"#
                ]),
        ])
        #expect(try ws.count("touch") == 3)
        #expect(try ws.count("lead") == 1)
    }

    private func expectWholeFileRefused(
        kind: String, file: String, lines: [String], mentioning fragments: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try Workspace.with { ws in
            try prepared(ws)
            let name = try ws.write(file, lines: lines)
            let before = try DatabaseDump.of(ws.defaultDatabase)
            let result = try ws.run(["import", kind, name])
            expectRefused(result, mentioningAll: [file] + fragments, sourceLocation: sourceLocation)
            expectSameDump(
                before, try DatabaseDump.of(ws.defaultDatabase), "a refused import changed the database",
                sourceLocation: sourceLocation)
        }
    }

    @Test func malformedJSONOnLine3RejectsTheWholeFile() throws {
        try expectWholeFileRefused(
            kind: "clicks", file: "clicks-broken.ndjson",
            lines: [
                #"{"id": "n-1", "at": "2026-10-03T10:00:00Z", "visitor": "v-10"}"#,
                #"{"id": "n-2", "at": "2026-10-03T11:00:00Z", "visitor": "v-11"}"#,
                #"{"id": "n-3", "at": "2026-10-03T12:00:00Z", "visitor": "v-12""#,
                #"{"id": "n-4", "at": "2026-10-03T13:00:00Z", "visitor": "v-13"}"#,
            ],
            mentioning: ["line 3"])
    }

    @Test func wrongTypeForVisitor() throws {
        try expectWholeFileRefused(
            kind: "clicks", file: "clicks-type.ndjson",
            lines: [
                #"{"at": "2026-10-03T10:00:00Z", "visitor": "v-10"}"#,
                #"{"at": "2026-10-03T11:00:00Z", "visitor": "v-11"}"#,
                #"{"at": "2026-10-03T12:00:00Z", "visitor": {}}"#,
            ],
            mentioning: ["line 3", "visitor"])
    }

    @Test func missingRequiredAt() throws {
        try expectWholeFileRefused(
            kind: "clicks", file: "clicks-no-at.ndjson",
            lines: [
                #"{"at": "2026-10-03T10:00:00Z", "visitor": "v-10"}"#,
                #"{"visitor": "v-11", "url": "https://laska-studio.ru/"}"#,
            ],
            mentioning: ["line 2", "'at'"])
    }

    @Test func invalidDate() throws {
        try expectWholeFileRefused(
            kind: "clicks", file: "clicks-date.ndjson",
            lines: [
                #"{"at": "2026-10-03T10:00:00Z", "visitor": "v-10"}"#,
                #"{"at": "2026-10-03T11:00:00Z", "visitor": "v-11"}"#,
                #"{"at": "2026-13-45T25:00:00Z", "visitor": "v-12"}"#,
            ],
            mentioning: ["line 3", "at"])
    }

    @Test func negativeDealAmount() throws {
        try expectWholeFileRefused(
            kind: "deals", file: "deals-negative.ndjson",
            lines: [
                #"{"id": "d-1", "lead": {"phone": "89161234567"}, "amount": "1500", "currency": "RUB", "created_at": "2026-10-02T10:00:00Z"}"#,
                #"{"id": "d-2", "lead": {"phone": "89161234567"}, "amount": "-500", "currency": "RUB", "created_at": "2026-10-02T11:00:00Z"}"#,
            ],
            mentioning: ["line 2", "amount"])
    }

    @Test func overPreciseAmount() throws {
        try expectWholeFileRefused(
            kind: "deals", file: "deals-precise.ndjson",
            lines: [
                #"{"id": "d-1", "lead": {"phone": "89161234567"}, "amount": 12.345, "currency": "RUB", "created_at": "2026-10-02T10:00:00Z"}"#
            ],
            mentioning: ["line 1", "amount", "12.345"])
    }

    @Test func unknownCurrency() throws {
        try expectWholeFileRefused(
            kind: "deals", file: "deals-currency.ndjson",
            lines: [
                #"{"id": "d-1", "lead": {"phone": "89161234567"}, "amount": "100", "currency": "RUB", "created_at": "2026-10-02T10:00:00Z"}"#,
                #"{"id": "d-2", "lead": {"phone": "89161234567"}, "amount": "100", "currency": "XYZ", "created_at": "2026-10-02T10:00:00Z"}"#,
            ],
            mentioning: ["line 2", "currency", "XYZ"])
    }

    @Test func phoneWithFiveDigitsInAForm() throws {
        try expectWholeFileRefused(
            kind: "forms", file: "forms-phone.ndjson",
            lines: [
                #"{"submitted_at": "2026-10-05T10:00:00Z", "name": "Борис", "phone": "+7 903 111 22 33"}"#,
                #"{"submitted_at": "2026-10-05T11:00:00Z", "name": "Олег", "phone": "12-345"}"#,
            ],
            mentioning: ["line 2", "phone"])
    }

    @Test func emailWithoutAtInAForm() throws {
        try expectWholeFileRefused(
            kind: "forms", file: "forms-email.ndjson",
            lines: [
                #"{"submitted_at": "2026-10-05T10:00:00Z", "name": "Борис", "email": "boris@example.com"}"#,
                #"{"submitted_at": "2026-10-05T11:00:00Z", "name": "Олег", "email": "oleg.example.com"}"#,
            ],
            mentioning: ["line 2", "email"])
    }

    @Test func wrongTypeInAJSONArrayNamesTheRecordIndex() throws {
        try Workspace.with { ws in
            try prepared(ws)
            let name = try ws.write(
                "forms-array.json",
                text: """
                    [
                      {"submitted_at": "2026-10-05T10:00:00Z", "email": "boris@example.com"},
                      {"submitted_at": "2026-10-05T11:00:00Z", "email": ["oleg@example.com"]}
                    ]
                    """)
            try ws.refuse(["import", "forms", name], mentioning: "forms-array.json", "record 2", "email")
        }
    }

    @Test func invalidUTF8InALine() throws {
        try Workspace.with { ws in
            try prepared(ws)
            var data = Data(#"{"at": "2026-10-03T10:00:00Z", "visitor": "v-10"}"#.utf8 + [0x0A])
            data.append(Data(#"{"at": "2026-10-03T11:00:00Z", "visitor": "v-"#.utf8))
            data.append(contentsOf: [0xFF, 0xFE, 0xC3])  // never valid UTF-8
            data.append(Data("\"}\n".utf8))
            let name = try ws.write("clicks-bytes.ndjson", data: data)
            try ws.refuse(["import", "clicks", name], mentioning: "clicks-bytes.ndjson", "line 2", "UTF-8")
        }
    }

    // MARK: - files that are fine

    @Test func byteOrderMarkAndCRLFLineEndings() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            var data = Data([0xEF, 0xBB, 0xBF])
            data.append(Data(threeGoodClicks.map { $0 + "\r\n" }.joined().utf8))
            let name = try ws.write("windows.ndjson", data: data)
            let summary = try ws.importSummary(["import", "clicks", name])
            #expect(ImportCounts(summary) == ImportCounts(read: 3, imported: 3))
            #expect(try ws.count("touch") == 3)
            // The first record's key survived the BOM: re-importing it as a plain file skips every record.
            let plain = try ws.write("plain.ndjson", lines: threeGoodClicks)
            #expect(ImportCounts(try ws.importSummary(["import", "clicks", plain])) == ImportCounts(read: 3, imported: 0, skipped: 3))

            // A JSON array with a BOM and CRLF too.
            var array = Data([0xEF, 0xBB, 0xBF])
            array.append(
                Data(
                    "[\r\n  {\"submitted_at\": \"2026-10-05T10:00:00Z\", \"name\": \"Борис\", \"email\": \"Boris@Example.com\"}\r\n]\r\n"
                        .utf8))
            let forms = try ws.write("windows-forms.json", data: array)
            #expect(ImportCounts(try ws.importSummary(["import", "forms", forms])) == ImportCounts(read: 1, imported: 1))
            let leads = try ws.listing(["lead", "list"])
            #expect(leads.first?["email"] as? String == "boris@example.com")
            #expect(leads.first?["name"] as? String == "Борис")
        }
    }

    @Test func emptyFileImportsNothing() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let name = try ws.write("empty.ndjson", data: Data())
            try ws.refuse(["import", "clicks", name, "--format", "json"], mentioning: "empty.ndjson: the file has no records")
            let result = try ws.run(["import", "clicks", name, "--format", "json", "--allow-empty"])
            #expect(result.status == 0, "\(result)")
            let summary = try jsonObject(result.stdout)
            #expect(ImportCounts(summary) == ImportCounts(read: 0, imported: 0))
            #expect(try ws.count("touch") == 0)
        }
    }

    // MARK: - --skip-invalid

    @Test func skipInvalidWritesRejectsVerbatimAndCountsAddUp() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let broken = #"{"id": "s-3", "at": "2026-10-03T12:00:00Z", "visitor": "v-12""#
            let noAt = #"{"id": "s-5",   "visitor": "v-14", "url": "https://laska-studio.ru/?utm_source=vk"}"#
            let badType = #"{"at": "2026-10-03T15:00:00Z", "visitor": ["v-15"]}"#
            let lines = [
                #"{"id": "s-1", "at": "2026-10-03T10:00:00Z", "visitor": "v-10"}"#,
                #"{"id": "s-2", "at": "2026-10-03T11:00:00Z", "visitor": "v-11", "utm_source": "vk", "utm_medium": "cpc", "utm_campaign": "vk_autumn_sale"}"#,
                broken,
                #"{"at": "2026-10-03T13:00:00Z", "visitor": "v-13"}"#,
                noAt,
                #"{"at": "2026-10-03T13:00:00Z", "visitor": "v-13"}"#,  // the same click fired twice: one touch
                badType,
            ]
            let name = try ws.write("mixed.ndjson", lines: lines)
            let summary = try ws.importSummary(["import", "clicks", name, "--skip-invalid", "--rejects", "rejects.ndjson"])
            let counts = ImportCounts(summary)
            #expect(counts.addsUp, "\(counts)")
            #expect(counts.read == 7)
            #expect(counts.rejected == 3)
            #expect(counts.imported == 3)
            #expect(counts.skipped == 1)
            #expect(try ws.count("touch") == 3)

            let rejectsText = try String(contentsOf: ws.path("rejects.ndjson"), encoding: .utf8)
            let rejects = try RunResult.lines(rejectsText).map { try jsonObject($0) }
            #expect(rejects.count == 3)
            let records = rejects.compactMap { $0["record"] as? String }
            #expect(records == [broken, noAt, badType])
            let reasons = rejects.compactMap { $0["reason"] as? String }
            #expect(reasons.count == 3)
            if reasons.count == 3 {
                #expect(reasons[0].contains("line 3"))
                #expect(reasons[1].contains("line 5") && reasons[1].contains("at"))
                #expect(reasons[2].contains("line 7") && reasons[2].contains("visitor"))
            }
        }
    }

    @Test func skipInvalidOnFormsCountsDuplicatesAndRejects() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let badEmail = #"{"submitted_at": "2026-10-02T10:00:00Z",  "email": "bx.ru", "name": "Б"}"#
            let badPhone = #"{"submitted_at": "2026-10-04T10:00:00Z", "phone": "123"}"#
            let name = try ws.write(
                "forms.json",
                text: """
                    [
                      {"submitted_at": "2026-10-01T10:00:00Z", "email": "a@x.ru", "name": "А"},
                      \(badEmail),
                      {"submitted_at": "2026-10-03T10:00:00Z", "email": "A@X.RU", "name": "А2"},
                      \(badPhone),
                      {"submitted_at": "2026-10-05T10:00:00Z", "phone": "8 903 000-11-22", "name": "В"}
                    ]
                    """)
            let summary = try ws.importSummary(["import", "forms", name, "--skip-invalid", "--rejects", "bad.ndjson"])
            let counts = ImportCounts(summary)
            #expect(counts == ImportCounts(read: 5, imported: 2, duplicates: 1, rejected: 2))
            #expect(counts.addsUp)
            let rejects = try RunResult.lines(String(contentsOf: ws.path("bad.ndjson"), encoding: .utf8))
                .map { try jsonObject($0) }
            #expect(rejects.compactMap { $0["record"] as? String } == [badEmail, badPhone])
            #expect((rejects.first?["reason"] as? String)?.contains("record 2") == true)
            #expect(try ws.listing(["lead", "list"]).count == 2)
        }
    }
}
