import Foundation
import Testing

/// The benchmark harness at a tiny scale, so that CI keeps it working: `Benchmarks/run.py --smoke` generates the
/// data set at 0.001 of the SPEC's size, imports it with the built binary, runs every report and checks the output
/// shapes and reconciliation (no timing assertions) — with its PostgreSQL column too (LeadTrail's imports and
/// reports, and `psql \copy` into the touch table the migrations leave) on the tests' server, unless PostgreSQL is
/// skipped.
@Suite struct BenchmarkSmokeTests {
    @Test func harnessRunsAtTinyScale() throws {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        let interpreter = try #require(
            python ?? Self.onPath("python3"), "python3 is needed for the benchmark smoke test and was not found")
        try Workspace.with { workspace in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: interpreter)
            process.arguments = [
                ImportSamples.repositoryRoot.appendingPathComponent("Benchmarks/run.py").path, "--smoke",
                "--binary", try BuiltBinary.url().path, "--work", workspace.path("work").path,
                "--out", workspace.path("results").path,
            ]
            if !PostgresTestServer.skipRequested {
                let (server, password) = try PostgresTestServer.parts(of: PostgresTestServer.baseURL)
                let prefix = "smoke_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8).lowercased()
                process.arguments? += ["--postgres", server.string ?? "", "--postgres-prefix", prefix]
                var environment = ProcessInfo.processInfo.environment
                environment["PGPASSWORD"] = password
                process.environment = environment
            }
            process.currentDirectoryURL = ImportSamples.repositoryRoot
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(text)")
            #expect(workspace.exists("results/smoke.json"), "\(text)")
        }
    }

    static func onPath(_ name: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
