import Foundation
import Testing

/// Issue 12, acceptance 1: one end-to-end suite, two stores. The same data loaded into SQLite and into PostgreSQL by
/// the same commands gives byte-identical reports — every model by every dimension in JSON, CSV and table, and every
/// other report — for the demo and for a generated year of 20,000 visitors.
///
/// The SQLite outputs of each data set are made once (``ParityBaseline``) and the PostgreSQL case compares each of
/// its outputs (exit status, stdout and stderr) with them.
@Suite("Reports on both stores", .serialized)
struct StoreParityTests {
    @Test(.hangGuard, arguments: StoreKind.allCases)
    func theDemosReportsAreTheSame(store: StoreKind) throws {
        try expectParity(of: .demo, on: store)
    }

    @Test(.timeLimit(.minutes(30)), arguments: StoreKind.allCases)
    func aGeneratedYearOf20000VisitorsReportsTheSame(store: StoreKind) throws {
        try expectParity(of: .generatedYear, on: store)
    }

    /// Tabs, newlines, backslashes, `\N`, Cyrillic and the like in URLs and UTM values (imported by COPY's text
    /// format on PostgreSQL), and a NUL character refused alike.
    @Test(.hangGuard, arguments: StoreKind.allCases)
    func awkwardValuesReportTheSame(store: StoreKind) throws {
        try expectParity(of: .awkwardValues, on: store)
    }

    private func expectParity(of dataSet: ParityDataSet, on store: StoreKind) throws {
        let baseline = try ParityBaseline.of(dataSet)
        #expect(baseline.reports.count == dataSet.reports().count)
        guard store != .sqlite else {
            // The SQLite case checks that the baseline is worth comparing with: every report ran and said something.
            for (arguments, result) in baseline.reports {
                #expect(
                    result.succeeded || Self.expectedRefusals(arguments), "a report failed on SQLite:\n\(result)")
                #expect(!result.stdout.isEmpty || !result.succeeded, "a report printed nothing:\n\(result)")
            }
            return
        }
        try Workspace.with(store: store) { ws in
            let loading = try dataSet.load(into: ws)
            #expect(
                ParityBaseline.comparable(loading) == ParityBaseline.comparable(baseline.loading),
                "loading the data printed other than on SQLite")
            for result in loading {
                expectNoSecret(result, in: ws)
            }
            let results = try ParallelRuns.run(dataSet.reports(), in: ws)
            var differences = 0
            for ((arguments, expected), actual) in zip(baseline.reports, results) {
                expectNoSecret(actual, in: ws)
                guard expected.status != actual.status || expected.stdout != actual.stdout
                    || expected.stderr != actual.stderr
                else { continue }
                differences += 1
                // The first few differences in full; the count says how many more.
                if differences <= 5 {
                    Issue.record(
                        """
                        leadtrail \(arguments.joined(separator: " ")) differs on PostgreSQL from SQLite \
                        (exit \(actual.status) vs \(expected.status)):
                        stdout \(reportFirstDifference(expected.stdout, actual.stdout))
                        stderr \(reportFirstDifference(expected.stderr, actual.stderr))
                        """)
                }
            }
            #expect(differences == 0, "\(differences) of \(results.count) reports differ from SQLite's")
        }
    }

    /// The A/B test refuses a campaign without two creatives; the refusal is then what both stores must say alike.
    static func expectedRefusals(_ arguments: [String]) -> Bool {
        arguments.count > 1 && arguments[1] == "abtest"
    }

    private func expectNoSecret(_ result: RunResult, in ws: Workspace, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let secret = ws.postgres?.secret, !secret.isEmpty else { return }
        #expect(
            !result.stdout.contains(secret) && !result.stderr.contains(secret),
            "the database password was printed:\n\(result.arguments.joined(separator: " "))",
            sourceLocation: sourceLocation)
    }
}

/// What one data set prints on SQLite: the loading commands' output and every report, computed once per test run.
struct ParityBaseline: Sendable {
    var loading: [RunResult]
    var reports: [(arguments: [String], result: RunResult)]

    static func of(_ dataSet: ParityDataSet) throws -> ParityBaseline {
        switch dataSet {
        case .demo: try demo.get()
        case .generatedYear: try generatedYear.get()
        case .awkwardValues: try awkwardValues.get()
        }
    }

    private static let demo = Result { try make(.demo) }
    private static let generatedYear = Result { try make(.generatedYear) }
    private static let awkwardValues = Result { try make(.awkwardValues) }

    private static func make(_ dataSet: ParityDataSet) throws -> ParityBaseline {
        try Workspace.with(store: .sqlite) { ws in
            let loading = try dataSet.load(into: ws)
            let arguments = dataSet.reports()
            let results = try ParallelRuns.run(arguments, in: ws)
            return ParityBaseline(loading: loading, reports: Array(zip(arguments, results)))
        }
    }

    /// The loading output without what names the database or the moment (the demo's first line and hints name its
    /// path; an import summary names its batch time), so both stores' can be compared.
    static func comparable(_ results: [RunResult]) -> [String] {
        results.map { result in
            let lines = result.stdoutLines.filter { line in
                !line.hasPrefix("LeadTrail demo:") && !line.contains("--db ") && !line.hasPrefix("Created ")
            }
            return "exit \(result.status)\n" + lines.joined(separator: "\n") + "\n" + result.stderr
        }
    }
}

/// Runs many read-only commands in one workspace, a few at a time, and returns their results in order.
enum ParallelRuns {
    /// Three at once: enough to keep two cores busy while a process starts, few enough not to starve the others.
    static let width = 3

    static func run(_ commands: [[String]], in ws: Workspace) throws -> [RunResult] {
        let state = State(count: commands.count)
        DispatchQueue.concurrentPerform(iterations: width) { _ in
            while let index = state.take() {
                do {
                    state.store(try ws.run(commands[index]), at: index)
                } catch {
                    state.fail(error)
                    return
                }
            }
        }
        return try state.results()
    }

    /// The queue of command indices and the results, behind one lock.
    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var slots: [RunResult?]
        private var failure: (any Error)?

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func take() -> Int? {
            lock.withLock {
                guard failure == nil, next < slots.count else { return nil }
                next += 1
                return next - 1
            }
        }

        func store(_ result: RunResult, at index: Int) { lock.withLock { slots[index] = result } }

        func fail(_ error: any Error) { lock.withLock { failure = error } }

        func results() throws -> [RunResult] {
            try lock.withLock {
                if let failure { throw failure }
                return slots.compactMap { $0 }
            }
        }
    }
}
