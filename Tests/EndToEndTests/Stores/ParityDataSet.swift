import Foundation
import Testing

/// A data set the parity suite loads into each store with the binary's own commands, and the reports it reads back.
enum ParityDataSet: String, Sendable, CaseIterable {
    /// `leadtrail demo`: the samples (a Russian SMM studio, Oct–Nov 2026), with same-person and click-id links.
    case demo
    /// `Benchmarks/generate.py --scale 0.02`: a year of an online school, 20,000 visitors and 60,000 clicks.
    case generatedYear
    /// Clicks whose values a text format must escape (see `ParityDataSet+AwkwardValues.swift`).
    case awkwardValues

    /// The scale of `Benchmarks/generate.py` that makes 20,000 visitors (its 1.0 is 1,000,000).
    static let generatorScale = "0.02"

    /// The period every report reads, and a month inside it for the period-sized reports.
    var period: (from: String, to: String) {
        switch self {
        case .demo: (ReportFixtures.from, ReportFixtures.to)
        case .generatedYear: ("2025-01-01", "2025-12-31")
        case .awkwardValues: Self.awkwardMonth
        }
    }

    var month: (from: String, to: String) {
        switch self {
        case .demo: ("2026-11-01", "2026-11-30")
        case .generatedYear: ("2025-06-01", "2025-06-30")
        case .awkwardValues: Self.awkwardMonth
        }
    }

    /// Fills the workspace's own database (SQLite file or PostgreSQL database) from nothing; returns what the loading
    /// printed, for the tests that compare it too.
    func load(into ws: Workspace, sourceLocation: SourceLocation = #_sourceLocation) throws -> [RunResult] {
        switch self {
        case .awkwardValues:
            return try loadAwkward(into: ws, sourceLocation: sourceLocation)
        case .demo:
            let samples = ImportSamples.repositoryRoot.appendingPathComponent("samples").path
            return [try ws.succeed(["demo", "--db", ws.database, "--samples", samples], sourceLocation: sourceLocation)]
        case .generatedYear:
            let folder = try Self.generatedFiles()
            func file(_ name: String) -> String { folder.appendingPathComponent(name).path }
            var results = [
                try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"], sourceLocation: sourceLocation)
            ]
            for (kind, name) in [
                ("clicks", "clicks.ndjson"), ("forms", "forms.ndjson"), ("deals", "deals.ndjson"), ("spend", "spend.csv"),
            ] {
                results.append(
                    try ws.succeed(["import", kind, file(name), "--format", "json"], sourceLocation: sourceLocation))
            }
            // The first rate of each month, as the benchmark sets them (the CLI has no bulk path for rates).
            let rates = try String(contentsOf: folder.appendingPathComponent("rates.csv"), encoding: .utf8)
            for line in RunResult.lines(rates).dropFirst() {
                let parts = line.split(separator: ",").map(String.init)
                guard parts.count == 4, parts[0].hasSuffix("-01") else { continue }
                results.append(
                    try ws.succeed(
                        ["rate", "set", parts[1], parts[2], parts[3], "--date", parts[0]], sourceLocation: sourceLocation))
            }
            return results
        }
    }

    /// Where `Benchmarks/generate.py` wrote the 20,000-visitor files: once per test run, in a temporary folder (the
    /// generator is seeded, so every run writes the same bytes).
    static func generatedFiles() throws -> URL { try generated.get() }

    private static let generated: Result<URL, PostgresTestServer.Failure> = {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("leadtrail-parity-\(UUID().uuidString)", isDirectory: true)
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        } ?? BenchmarkSmokeTests.onPath("python3")
        guard let python else {
            return .failure(.init(description: "python3 is needed to generate the parity data set and was not found"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            ImportSamples.repositoryRoot.appendingPathComponent("Benchmarks/generate.py").path, "--scale",
            generatorScale, "--out", folder.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do { try process.run() } catch {
            return .failure(.init(description: "generate.py did not start: \(error)"))
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(.init(description: "generate.py failed:\n\(text)"))
        }
        return .success(folder)
    }()

    /// Every report of the data set: each model by each dimension in JSON, CSV and table, the model comparison and
    /// ROAS by each dimension in each format, the funnel, speed to lead, an A/B test, `--compare`, other
    /// conversions, and the summary page in Markdown and HTML.
    func reports() -> [[String]] {
        if self == .awkwardValues { return awkwardReports() }
        let (from, to) = period
        let year = ["--from", from, "--to", to]
        let formats = ["json", "csv", "table"]
        let models = ReportFixtures.models
        let dimensions = [
            "campaign", "channel", "platform", "source", "source_medium", "content", "term", "month", "week", "day",
        ]
        var runs: [[String]] = []
        for model in models {
            for dimension in dimensions {
                for format in formats {
                    runs.append(
                        ["report", "attribution"] + year + ["--model", model, "--by", dimension, "--format", format])
                }
            }
        }
        for dimension in dimensions {
            for format in formats {
                runs.append(["report", "models"] + year + ["--by", dimension, "--format", format])
                runs.append(["report", "roas"] + year + ["--by", dimension, "--format", format])
            }
        }
        for conversion in ["lead", "deal"] {
            for model in models {
                runs.append(
                    ["report", "attribution"] + year + ["--model", model, "--conversion", conversion, "--format", "json"])
            }
            runs.append(["report", "models"] + year + ["--conversion", conversion, "--format", "table"])
        }
        for format in formats {
            runs.append(["report", "funnel"] + year + ["--format", format])
            runs.append(["report", "funnel"] + year + ["--by", "channel", "--format", format])
            runs.append(["report", "speed"] + year + ["--format", format])
            runs.append(["report", "abtest", "--campaign", abTestCampaign] + year + ["--format", format])
            runs.append(
                ["report", "roas", "--from", month.from, "--to", month.to, "--compare", "previous", "--format", format])
        }
        runs.append(["report", "roas"] + year + ["--currency", "USD", "--format", "json"])
        runs.append(
            ["report", "attribution"] + year + [
                "--model", "time_decay", "--lookback-days", "7", "--half-life-days", "2", "--format", "csv",
            ])
        for format in ["md", "html"] {
            runs.append(["report", "summary", "--from", month.from, "--to", month.to, "--format", format])
        }
        return runs
    }

    /// A campaign with several creatives in the data set.
    private var abTestCampaign: String {
        switch self {
        case .demo: "vk_retarget"
        case .generatedYear, .awkwardValues: "vk_always_on"
        }
    }
}
