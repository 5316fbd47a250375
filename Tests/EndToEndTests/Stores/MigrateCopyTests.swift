import Foundation
import Testing

/// Issue 12, acceptance 3: `leadtrail migrate --from sqlite:PATH --to postgres://…` copies a whole database, and every
/// report of the demo and of a generated year of 20,000 visitors (every model and dimension, JSON, CSV and table) is
/// the same on the copy as on the SQLite database it came from.
@Suite("migrate --from sqlite --to postgres", .serialized)
struct MigrateCopyTests {
    @Test(.timeLimit(.minutes(30)), arguments: ParityDataSet.allCases)
    func everyReportIsTheSameAfterTheCopy(dataSet: ParityDataSet) throws {
        #if Postgres
            guard !PostgresTestServer.skipRequested else { return }
            let baseline = try ParityBaseline.of(dataSet)
            try Workspace.with { ws in
                _ = try dataSet.load(into: ws)
                let database = try PostgresTestServer.createDatabase()
                defer { database.drop() }
                let copy = try ws.succeed(["migrate", "--from", "sqlite:leadtrail.sqlite", "--to", database.url])
                #expect(copy.stdout.contains("Copied leadtrail.sqlite into \(database.place) in one transaction"))
                #expect(copy.stdoutLines.contains { $0.hasPrefix("touch ") })
                #expect(copy.stdout.contains("Verified before committing"), "\(copy)")
                if let secret = database.secret, !secret.isEmpty { #expect(!copy.stdout.contains(secret)) }
                let leads = try database.execute("SELECT count(*) FROM lead")

                // The same command twice: the second is refused in one line naming the database, and changes nothing.
                let again = try ws.run(["migrate", "--from", "sqlite:leadtrail.sqlite", "--to", database.url])
                expectRefused(again, mentioning: database.place, "not empty")
                #expect(try database.execute("SELECT count(*) FROM lead") == leads)

                var copied = ws
                copied.store = .postgres
                copied.postgres = database
                let results = try ParallelRuns.run(dataSet.reports(), in: copied)
                var differences = 0
                for ((arguments, expected), actual) in zip(baseline.reports, results)
                where expected.status != actual.status || expected.stdout != actual.stdout
                    || expected.stderr != actual.stderr
                {
                    differences += 1
                    if differences <= 3 {
                        Issue.record(
                            "leadtrail \(arguments.joined(separator: " ")) differs after the copy:\n\(actual)")
                    }
                }
                #expect(differences == 0, "\(differences) of \(results.count) reports differ after the copy")
            }
        #endif
    }

    @Test func badCopiesAreRefusedInOneLine() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.refuse(["migrate", "--from", "sqlite:leadtrail.sqlite"], mentioning: "--from and --to go together")
            try ws.refuse(
                ["migrate", "--from", "sqlite:leadtrail.sqlite", "--to", "other.sqlite"], mentioning: "--to",
                "postgres://")
            #if Postgres
                let url = "postgres://nobody@127.0.0.1:5432/nothing"
                try ws.refuse(["migrate", "--from", "sqlite:missing.sqlite", "--to", url], mentioning: "missing.sqlite")
                try ws.refuse(["migrate", "--from", "sqlite:.", "--to", url], mentioning: "folder")
            #else
                try ws.refuse(
                    ["migrate", "--from", "sqlite:leadtrail.sqlite", "--to", "postgres://u@127.0.0.1/db"],
                    mentioning: "--traits Team")
            #endif
        }
    }
}
