import Foundation
import Testing

/// Issue 4, acceptance 4: `leadtrail demo` fills a fresh database from `samples/` through the real importers and
/// prints the ROAS report by campaign and the model comparison — promptly.
@Suite("leadtrail demo")
struct DemoTests {
    static var samples: String { ImportSamples.repositoryRoot.appendingPathComponent("samples").path }

    @Test func printsTheROASTableAndTheModelComparison() throws {
        try Workspace.with { ws in
            let started = Date()
            let result = try ws.run(["demo", "--samples", Self.samples])
            let elapsed = Date().timeIntervalSince(started)
            try #require(result.status == 0, "\(result)")
            #expect(elapsed < 60, "the demo took \(Int(elapsed)) s")
            #expect(ws.exists("leadtrail-demo.sqlite"))
            #expect(!ws.exists("leadtrail.sqlite"), "the demo must not touch the default database")

            let text = result.stdout
            let roasStart = try #require(text.range(of: "ROAS by campaign"), "no ROAS report:\n\(text)")
            let modelsStart = try #require(
                text.range(of: "Models compared by campaign"), "no model comparison:\n\(text)")
            #expect(roasStart.lowerBound < modelsStart.lowerBound, "the ROAS report comes first")

            let roas = try ReportTable(String(text[roasStart.lowerBound..<modelsStart.lowerBound]))
            roas.expectAligned()
            for key in [
                "vk_retarget", "yandex_search_brand", "yandex_search_courses", "ig_stories_oct", "осень",
                "(unattributed)", "(total)",
            ] {
                #expect(roas.line(forKey: key) != nil, "the ROAS table has no \(key) row:\n\(text)")
            }
            #expect(roas.header.split(separator: " ").first == "campaign")
            for column in ["spend", "leads", "cpl", "revenue", "roas", "romi"] {
                #expect(
                    roas.header.split(separator: " ").contains(Substring(column)), "no \(column) column: \(roas.header)"
                )
            }
            #expect(roas.body.last.map { roas.cells($0).first } == "(total)", "(total) is the last ROAS line")

            let models = try ReportTable(String(text[modelsStart.lowerBound...]))
            models.expectAligned()
            let headerWords = models.header.split(separator: " ").map(String.init)
            for model in ReportFixtures.models {
                #expect(headerWords.contains(model), "the comparison has no \(model) column: \(models.header)")
            }
            for key in ["vk_retarget", "yandex_search_brand", "(total)"] {
                #expect(models.line(forKey: key) != nil, "the comparison has no \(key) row:\n\(text)")
            }
            // Every model shares out the same total, and it is the ROAS report's revenue.
            let totalLine = try #require(models.line(forKey: "(total)"))
            let modelColumns = ReportFixtures.models.compactMap { model in
                headerWords.firstIndex(of: model).map { _ in model }
            }
            let totalCells = models.cells(totalLine)
            let modelTotals = Array(totalCells.dropFirst().prefix(modelColumns.count))
            #expect(Set(modelTotals).count == 1, "models disagree on the total: \(totalLine)")
            let roasTotal = try #require(roas.line(forKey: "(total)"))
            #expect(
                roasTotal.contains(modelTotals.first ?? "?"),
                "the ROAS revenue differs from the models' total:\n\(roasTotal)\n\(totalLine)")
        }
    }

    /// What the demo prints is what `report roas` and `report models` print on its database afterwards.
    @Test func theDemosReportsAreTheReportCommands() throws {
        try Workspace.with { ws in
            let result = try ws.run(["demo", "--samples", Self.samples])
            try #require(result.status == 0, "\(result)")
            for kind in ["roas", "models"] {
                let report = try ws.report(kind, format: "table", database: "leadtrail-demo.sqlite")
                try #require(report.status == 0, "\(report)")
                #expect(
                    result.stdout.contains(report.stdout),
                    "demo output lacks `report \(kind)`:\n\(report.stdout)\n--- demo ---\n\(result.stdout)")
            }
        }
    }

    /// Run twice, the demo starts afresh: the same output, not doubled data.
    @Test func runningItAgainGivesTheSameReports() throws {
        try Workspace.with { ws in
            let first = try ws.run(["demo", "--samples", Self.samples])
            let second = try ws.run(["demo", "--samples", Self.samples])
            try #require(first.status == 0 && second.status == 0, "\(first)\n\(second)")
            #expect(first.stdout == second.stdout, "\(reportFirstDifference(first.stdout, second.stdout))")
        }
    }

    /// `demo --db PATH` (and `leadtrail --db PATH demo`) fills PATH, as its help promises, and leaves the default
    /// demo file alone.
    @Test(arguments: [["demo", "--db", "custom.sqlite"], ["--db", "custom.sqlite", "demo"]])
    func theDemoDatabaseCanBeNamed(_ arguments: [String]) throws {
        try Workspace.with { ws in
            let result = try ws.run(arguments + ["--samples", Self.samples])
            #expect(result.status == 0, "\(result)")
            #expect(
                ws.exists("custom.sqlite"),
                "demo --db custom.sqlite did not create custom.sqlite:\n\(result.stdout.prefix(200))")
            #expect(!ws.exists("leadtrail-demo.sqlite"), "demo --db custom.sqlite wrote leadtrail-demo.sqlite instead")
            #expect(result.stdout.contains("custom.sqlite"), "\(result.stdout.prefix(200))")
        }
    }

    /// Without `--samples` (as `swift run leadtrail demo` from a fresh clone runs it) the source tree's samples are
    /// found.
    @Test func findsTheSamplesWithoutBeingTold() throws {
        try Workspace.with { ws in
            let result = try ws.run(["demo"])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("ROAS by campaign") && result.stdout.contains("(total)"), "\(result)")
        }
    }

    /// Without `--db` the demo replaces only an earlier demo: a folder or a file of that name is left as it was.
    @Test func replacesOnlyAnEarlierDemo() throws {
        try Workspace.with { ws in
            let folder = ws.path("leadtrail-demo.sqlite/deep")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("keep".utf8).write(to: folder.appendingPathComponent("notes.txt"))
            var result = try ws.run(["demo", "--samples", Self.samples])
            expectRefused(result, mentioning: "leadtrail-demo.sqlite exists and is not an earlier demo database")
            #expect(try String(contentsOf: folder.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep")
            try FileManager.default.removeItem(at: ws.path("leadtrail-demo.sqlite"))

            try Data("my text".utf8).write(to: ws.path("leadtrail-demo.sqlite"))
            result = try ws.run(["demo", "--samples", Self.samples])
            expectRefused(result, mentioning: "not an earlier demo database")
            #expect(try String(contentsOf: ws.path("leadtrail-demo.sqlite"), encoding: .utf8) == "my text")
            try FileManager.default.removeItem(at: ws.path("leadtrail-demo.sqlite"))

            // Another LeadTrail database of that name (with imports of its own) is not the demo's either.
            try ws.succeed(["--db", "leadtrail-demo.sqlite", "init"])
            _ = try ws.write("own.ndjson", text: #"{"id":"c1","visitor":"v1","at":"2026-10-01T10:00:00Z","utm_source":"vk"}"# + "\n")
            try ws.succeed(["--db", "leadtrail-demo.sqlite", "import", "clicks", "own.ndjson"])
            result = try ws.run(["demo", "--samples", Self.samples])
            expectRefused(result, mentioning: "not an earlier demo database")
            try FileManager.default.removeItem(at: ws.path("leadtrail-demo.sqlite"))

            try ws.succeed(["demo", "--samples", Self.samples])
            try ws.succeed(["demo", "--samples", Self.samples])
            #expect(try FileManager.default.contentsOfDirectory(atPath: ws.folder.path).filter { $0.contains(".building-") } == [])
        }
    }

    /// Ctrl-C while the demo builds: one line, the earlier demo as it was, no half-built file left behind.
    @Test func anInterruptedDemoLeavesTheEarlierOne() throws {
        try Workspace.with { ws in
            try ws.succeed(["demo", "--samples", Self.samples])
            let before = try ws.run(["--db", "leadtrail-demo.sqlite", "lead", "list", "--all", "--format", "csv"]).stdout
            let process = Process()
            process.executableURL = try BuiltBinary.url()
            process.arguments = ["demo", "--samples", Self.samples]
            process.currentDirectoryURL = ws.folder
            process.environment = ws.processEnvironment()
            let errors = ws.path("demo.err")
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: errors)
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // Interrupted once its new database is being built.
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline,
                try !FileManager.default.contentsOfDirectory(atPath: ws.folder.path).contains(where: { $0.contains(".building-") })
            {
                usleep(2_000)
            }
            usleep(50_000)
            process.interrupt()
            process.waitUntilExit()
            #expect(process.terminationStatus != 0)
            #expect(
                try String(contentsOf: errors, encoding: .utf8)
                    == "Interrupted: the demo was not built; leadtrail-demo.sqlite is as it was.\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: ws.folder.path).filter { $0.contains(".building-") } == [])
            let after = try ws.run(["--db", "leadtrail-demo.sqlite", "lead", "list", "--all", "--format", "csv"]).stdout
            #expect(after == before)
        }
    }
}
