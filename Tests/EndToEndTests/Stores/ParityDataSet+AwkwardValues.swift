import Foundation
import Testing

/// The awkward-values data set: clicks whose URLs, UTM values, visitors, referrers and click ids hold what a text
/// format has to escape (tabs, newlines, carriage returns, backslashes, `\N`, `\.`), Cyrillic, emoji, other control
/// characters and a long value; one record with a NUL character (refused, the file imported with `--skip-invalid`);
/// a key twice in the file; the same file again (changes nothing); then a file that changes one click and adds more.
/// Forms and won deals give the clicks journeys, so the attribution reports by content, term and source show them.
extension ParityDataSet {
    /// The month the awkward clicks fall in.
    static let awkwardMonth = ("2026-03-01", "2026-03-31")

    /// UTM and other values that a text-format writer must carry unchanged.
    static let awkwardTexts = [
        "tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N", "\\.", "ends with \\",
        "\\t not a tab", "кириллица «ёлка» — Ё", "emoji 🎯🚀", "bell\u{07} and unit\u{1F} separator",
        "comma, semicolon; \"quotes\" 'single'", "  ", String(repeating: "длинное значение ", count: 120),
        "%00 written out", "\u{7F}delete",
    ]

    /// Writes the awkward files once per test run; returns their folder.
    static func awkwardFiles() throws -> URL { try awkward.get() }

    private static let awkward: Result<URL, PostgresTestServer.Failure> = {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("leadtrail-awkward-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try lines(awkwardClicks(changed: false)).write(
                to: folder.appendingPathComponent("clicks.ndjson"), atomically: true, encoding: .utf8)
            try lines(awkwardClicks(changed: true)).write(
                to: folder.appendingPathComponent("clicks-changed.ndjson"), atomically: true, encoding: .utf8)
            try lines(awkwardForms()).write(
                to: folder.appendingPathComponent("forms.ndjson"), atomically: true, encoding: .utf8)
            try lines(awkwardDeals()).write(
                to: folder.appendingPathComponent("deals.ndjson"), atomically: true, encoding: .utf8)
        } catch {
            return .failure(.init(description: "the awkward-values files could not be written: \(error)"))
        }
        return .success(folder)
    }()

    private static func lines(_ objects: [[String: Any]]) throws -> String {
        try objects.map { object in
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    /// The visitor of lead `n`: awkward too.
    private static func visitor(_ n: Int) -> String { ["v\\1", "v\t2", "в3 «ё»", "v4\\N", "v5\n", "v6"][n % 6] }

    private static func at(_ minute: Int) -> String {
        String(format: "2026-03-%02dT%02d:%02d:00Z", 2 + minute / 600, minute / 60 % 10 + 8, minute % 60)
    }

    private static func awkwardClicks(changed: Bool) -> [[String: Any]] {
        var clicks: [[String: Any]] = []
        for (number, text) in awkwardTexts.enumerated() {
            let sources = ["yandex", "vk", "ya\\ndex", "telegram\tads"]
            var click: [String: Any] = [
                "id": "k\(number)", "at": at(number * 37), "visitor": visitor(number),
                "url": "https://школа.example/курс?x=\(number)&utm_medium=cpc",
                "utm_source": sources[number % sources.count], "utm_campaign": "кампания \\ \(number % 3)",
                "utm_content": text, "utm_term": awkwardTexts[(number + 5) % awkwardTexts.count],
            ]
            if number % 4 == 1 { click["referrer"] = "https://ref.example/\\path\t\(text)" }
            if number % 3 == 0 { click["click_id"] = "yclid\\\(number)\t\\N" }
            if changed, number == 2 { click["utm_content"] = text + " (changed)" }
            clicks.append(click)
        }
        // UTM values from the URL itself, percent-encoded: a tab, a newline, backslashes, Cyrillic.
        clicks.append([
            "id": "from-url", "at": at(700), "visitor": visitor(1),
            "url": "https://a.example/?utm_source=ya%5Cdex&utm_medium=cpc&utm_campaign=%D0%B0%5C.&"
                + "utm_content=%09tab%0Anl%5C%5CN&utm_term=%5C.",
        ])
        // A key twice in the file: the second is the same click again.
        clicks.append(clicks[0])
        // A NUL character, refused by its field on both stores.
        clicks.append(["id": "nul", "at": at(710), "visitor": "v-nul", "utm_content": "before\u{0}after"])
        if changed {
            for number in 0..<5 {
                clicks.append([
                    "id": "more\(number)", "at": at(800 + number), "visitor": visitor(number),
                    "utm_source": "yandex", "utm_medium": "cpc", "utm_content": "ещё\t\(number)\\",
                ])
            }
        }
        return clicks
    }

    private static func awkwardForms() -> [[String: Any]] {
        (0..<6).map { n in
            [
                "id": "form\(n)", "submitted_at": at(900 + n), "visitor": visitor(n), "name": "Лид \\ \(n)",
                "email": "lead\(n)@example.ru", "form": "Заявка\t\(n)",
            ]
        }
            // A NUL character in a name, refused by its field on both stores (PostgreSQL failed the whole import).
            + [["id": "form-nul", "submitted_at": at(906), "name": "Анна\u{0}Петрова", "phone": "8 (916) 123-45-67"]]
    }

    private static func awkwardDeals() -> [[String: Any]] {
        (0..<6).map { n in
            [
                "id": "deal\(n)", "lead": ["email": "lead\(n)@example.ru"], "amount": "\(1000 + n * 250).50",
                "currency": "RUB", "created_at": at(1000 + n), "status": "won", "closed_at": at(1100 + n),
            ]
        }
    }

    /// Loads the awkward files with the CLI: every import's output is compared between the stores.
    func loadAwkward(into ws: Workspace, sourceLocation: SourceLocation) throws -> [RunResult] {
        let folder = try Self.awkwardFiles()
        func file(_ name: String) -> String { folder.appendingPathComponent(name).path }
        var results = [
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"], sourceLocation: sourceLocation)
        ]
        for name in ["clicks.ndjson", "clicks.ndjson", "clicks-changed.ndjson"] {
            results.append(
                try ws.succeed(
                    ["import", "clicks", file(name), "--skip-invalid", "--format", "json"],
                    sourceLocation: sourceLocation))
        }
        results.append(
            try ws.succeed(
                ["import", "forms", file("forms.ndjson"), "--skip-invalid", "--format", "json"],
                sourceLocation: sourceLocation))
        results.append(
            try ws.succeed(["import", "deals", file("deals.ndjson"), "--format", "json"], sourceLocation: sourceLocation))
        return results
    }

    /// The reports that show the awkward values: attribution by every UTM dimension in each format, ROAS, the leads
    /// and each lead's journey.
    func awkwardReports() -> [[String]] {
        let month = ["--from", Self.awkwardMonth.0, "--to", Self.awkwardMonth.1]
        var runs: [[String]] = []
        for model in ["first_touch", "linear", "markov"] {
            for dimension in ["campaign", "source", "source_medium", "content", "term", "channel"] {
                for format in ["json", "csv", "table"] {
                    runs.append(["report", "attribution"] + month + ["--model", model, "--by", dimension, "--format", format])
                }
            }
        }
        for format in ["json", "csv", "table"] {
            runs.append(["report", "roas"] + month + ["--by", "content", "--format", format])
            runs.append(["lead", "list", "--all", "--format", format])
        }
        for lead in 1...6 {
            runs.append(["lead", "show", String(lead), "--format", "json"])
            runs.append(["lead", "show", String(lead)])
        }
        return runs
    }
}
