import Foundation
import Testing

/// What the report tests share: the sample period, the names the SPEC fixes, and ways to fill a database.
enum ReportFixtures {
    /// The span of `samples/` (October and November 2026, Moscow time).
    static let from = "2026-10-01"
    static let to = "2026-11-30"

    static let models = [
        "first_touch", "last_touch", "last_non_direct", "linear", "position_based", "time_decay", "markov",
    ]
    /// The dimensions whose reconciliation the acceptance criteria name.
    static let reconciledDimensions = ["campaign", "channel", "source_medium", "content", "month", "week", "day"]

    /// The SPEC's header fields, in its order ("JSON reports").
    static let headerKeys = [
        "report", "conversion", "model", "by", "from", "to", "timezone", "lookback_days", "currency",
    ]
    /// `report roas` row fields: the base figures, then every ratio of the Metrics section in its order.
    static let roasBaseKeys = [
        "spend", "impressions", "reach", "clicks", "engagements", "touches", "leads", "deals", "won", "revenue",
    ]
    static let roasRatioKeys = [
        "ctr", "cpc", "cpm", "er", "cpl", "cac", "roas", "romi", "aov", "lead_rate", "win_rate",
    ]

    /// The sample files, by the import command that reads them.
    enum SampleFile: String, CaseIterable {
        case clicks = "clicks.ndjson"
        case forms = "forms.json"
        case deals = "deals.json"
        case spend = "spend.csv"

        var kind: String {
            switch self {
            case .clicks: "clicks"
            case .forms: "forms"
            case .deals: "deals"
            case .spend: "spend"
            }
        }
    }

    /// `date, from, to, rate` of every line of `samples/rates.csv`, in file order.
    static func sampleRates() throws -> [(date: String, from: String, to: String, rate: String)] {
        let text = try String(contentsOfFile: ImportSamples.path("rates.csv"), encoding: .utf8)
        return RunResult.lines(text).dropFirst().compactMap { line in
            let parts = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 4 ? (parts[0], parts[1], parts[2], parts[3]) : nil
        }
    }

    /// The elements of a JSON array, each as its own raw text (so a re-written file holds exactly the same bytes of
    /// every record).
    static func rawElements(ofArray text: String) throws -> [String] {
        let scalars = Array(text.unicodeScalars)
        func slice(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return String(view).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var elements: [String] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start: Int?
        for (index, scalar) in scalars.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else if scalar == "\"" {
                    inString = false
                }
                continue
            }
            if depth == 1, start == nil, !scalar.properties.isWhitespace, scalar != ",", scalar != "]" {
                start = index
            }
            switch scalar {
            case "\"": inString = true
            case "[", "{": depth += 1
            case "]", "}":
                depth -= 1
                if depth == 0, let first = start {
                    elements.append(slice(first..<index))
                    start = nil
                }
            case ",":
                if depth == 1, let first = start {
                    elements.append(slice(first..<index))
                    start = nil
                }
            default: break
            }
        }
        try #require(depth == 0 && !inString, "not a complete JSON array")
        return elements
    }

    /// An RFC 3339 time as a `Date` (with or without fractional seconds).
    static func date(_ text: String) throws -> Date {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return try #require(plain.date(from: text) ?? fractional.date(from: text), "not an RFC 3339 time: \(text)")
    }

    /// The value of one string field of a raw JSON record.
    static func field(_ name: String, of record: String) throws -> String {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any], "not an object: \(record)")
        return try #require(object[name] as? String, "no \(name) in \(record)")
    }
}

extension Workspace {
    /// Runs `leadtrail report KIND --from --to … --format FORMAT`, on `database` when given.
    @discardableResult
    func report(
        _ kind: String, _ options: [String] = [], from: String = ReportFixtures.from, to: String = ReportFixtures.to,
        format: String = "json", database: String? = nil, environment: [String: String] = [:]
    ) throws -> RunResult {
        var arguments = ["report", kind, "--from", from, "--to", to] + options + ["--format", format]
        if let database { arguments += ["--db", database] }
        return try run(arguments, environment: environment)
    }

    /// A report that must succeed, with its raw stdout and the parsed ordered JSON.
    func reportJSON(
        _ kind: String, _ options: [String] = [], from: String = ReportFixtures.from, to: String = ReportFixtures.to,
        database: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (text: String, json: OrderedJSON) {
        let result = try report(kind, options, from: from, to: to, format: "json", database: database)
        try #require(result.status == 0, "expected success:\n\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, "a report wrote to stderr:\n\(result)", sourceLocation: sourceLocation)
        do {
            return (result.stdout, try OrderedJSON.parse(result.stdout))
        } catch {
            Issue.record("not valid JSON (\(error)):\n\(result.stdout)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// `leadtrail demo` in this folder (a fast way to a full sample database, through the real importers); returns
    /// the database it filled: `leadtrail-demo.sqlite`, or in a PostgreSQL workspace its own database's URL.
    func demoDatabase(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let samples = ImportSamples.repositoryRoot.appendingPathComponent("samples").path
        if let postgres {
            // A PostgreSQL workspace: the demo fills the workspace's own database.
            try succeed(["demo", "--db", postgres.url, "--samples", samples], sourceLocation: sourceLocation)
            return postgres.url
        }
        try succeed(["demo", "--samples", samples], sourceLocation: sourceLocation)
        return "leadtrail-demo.sqlite"
    }

    /// `init` of `database` in Moscow time, as the demo sets it up.
    func initSampleDatabase(_ database: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try succeed(["init", "--db", database], sourceLocation: sourceLocation)
        try succeed(["config", "set", "timezone", "Europe/Moscow", "--db", database], sourceLocation: sourceLocation)
    }

    /// `import KIND FILE --db database`.
    func importFile(
        _ kind: String, _ file: String, into database: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try succeed(["import", kind, file, "--db", database], sourceLocation: sourceLocation)
    }

    /// Every line of `samples/rates.csv` through `rate set`, in the order given.
    func setRates(
        _ rates: [(date: String, from: String, to: String, rate: String)], in database: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for rate in rates {
            try succeed(
                ["rate", "set", rate.from, rate.to, rate.rate, "--date", rate.date, "--db", database],
                sourceLocation: sourceLocation)
        }
    }
}

/// Exact decimal arithmetic on report figures.
enum ReportDecimal {
    static func sum(_ values: [Decimal]) -> Decimal { values.reduce(0, +) }

    /// Rounded half away from zero to `scale` decimals.
    static func rounded(_ value: Decimal, scale: Int) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, scale, .plain)
        return output
    }

    /// How many digits a number's text has after the decimal point.
    static func fractionDigits(_ text: String) -> Int {
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text[text.index(after: dot)...].prefix { $0.isNumber }.count
    }

    /// Whether `lhs` sorts before `rhs` by Unicode code points, as the SPEC orders keys.
    static func codePointsAscending(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars) { $0.value < $1.value }
    }
}

/// Reading a rendered table: the columns come from the rule line of `─` runs under the header.
struct ReportTable {
    var header: String
    /// Character (not byte) ranges of each column, from the rule line.
    var columns: [Range<Int>]
    /// The body lines, the unattributed and total rows included.
    var body: [String]

    init(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let lines = RunResult.lines(text)
        let ruleIndex = try #require(
            lines.firstIndex { !$0.isEmpty && $0.allSatisfy { $0 == "─" || $0 == " " } }, "no rule line in:\n\(text)",
            sourceLocation: sourceLocation)
        try #require(ruleIndex > 0, sourceLocation: sourceLocation)
        header = lines[ruleIndex - 1]
        var ranges: [Range<Int>] = []
        var start: Int?
        let rule = Array(lines[ruleIndex])
        for (index, character) in rule.enumerated() {
            if character == "─", start == nil { start = index }
            if character == " ", let first = start {
                ranges.append(first..<index)
                start = nil
            }
        }
        if let first = start { ranges.append(first..<rule.count) }
        columns = ranges
        body = Array(lines[(ruleIndex + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    }

    /// The cells of a body line cut at the column ranges, trimmed.
    func cells(_ line: String) -> [String] {
        let characters = Array(line)
        return columns.map { range in
            let lower = min(range.lowerBound, characters.count)
            let upper = min(range.upperBound, characters.count)
            return String(characters[lower..<upper]).trimmingCharacters(in: .whitespaces)
        }
    }

    /// The body line whose first cell is `key`.
    func line(forKey key: String) -> String? {
        body.first { cells($0).first == key }
    }

    /// Checks that every body line fits the columns in Characters (what a terminal shows): the first column
    /// left-aligned, every other column right-aligned to the column's end, spaces between columns.
    func expectAligned(sourceLocation: SourceLocation = #_sourceLocation) {
        let headerCharacters = Array(header)
        for range in columns {
            #expect(
                range.lowerBound < headerCharacters.count && headerCharacters[range.lowerBound] != " "
                    && (range.lowerBound == 0 || headerCharacters[range.lowerBound - 1] == " "),
                "a header name does not start at its column (\(range)):\n\(header)", sourceLocation: sourceLocation)
        }
        for line in body {
            let characters = Array(line)
            let problem: String? = {
                guard let last = columns.last, characters.count == last.upperBound else {
                    return "the line is \(characters.count) characters wide, the table \(columns.last?.upperBound ?? 0)"
                }
                if characters.first == " " { return "the first column is not left-aligned" }
                for (index, range) in columns.enumerated() {
                    if index > 0, characters[range.upperBound - 1] == " " {
                        return "column \(index + 1) is not right-aligned"
                    }
                    if index > 0, characters[range.lowerBound - 1] != " " {
                        return "column \(index + 1) runs into the one before"
                    }
                }
                return nil
            }()
            if let problem {
                Issue.record(
                    "misaligned table line (\(problem)):\n\(line)\nin:\n\(header)\n\(body.joined(separator: "\n"))",
                    sourceLocation: sourceLocation)
            }
        }
    }
}

/// RFC 4180 CSV, as a spreadsheet reads it.
enum ReportCSV {
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
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
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",":
                record.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                record.append(field)
                records.append(record)
                record = []
                field = ""
            default: field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }

    /// A cell a spreadsheet reads as a number: optional minus, digits, optional dot and digits — no grouping spaces,
    /// no decimal comma, no unit.
    static func isPlainNumber(_ cell: String) -> Bool {
        cell.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil
    }
}

/// The first line where two texts differ, for a readable failure.
func reportFirstDifference(_ expected: String, _ actual: String) -> String {
    let left = RunResult.lines(expected)
    let right = RunResult.lines(actual)
    for index in 0..<max(left.count, right.count) {
        let a = index < left.count ? left[index] : "(end)"
        let b = index < right.count ? right[index] : "(end)"
        if a != b { return "line \(index + 1):\n  expected: \(a)\n  actual:   \(b)" }
    }
    return "(no difference)"
}
