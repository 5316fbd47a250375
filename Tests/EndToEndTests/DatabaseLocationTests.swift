import Foundation
import Testing

/// `--db` before or after the subcommand and `$LEADTRAIL_DB` all name the same file.
struct DatabaseLocationTests {
    @Test func dbOptionBeforeAndAfterTheSubcommandAndTheEnvironmentAddressTheSameFile() throws {
        try Workspace.with { ws in
            try FileManager.default.createDirectory(at: ws.path("data"), withIntermediateDirectories: true)
            let file = "data/crm.sqlite"
            try ws.succeed(["--db", file, "init"])
            #expect(ws.exists(file))
            try ws.succeed(["lead", "add", "--db", file, "--name", "Анна", "--phone", "8 (916) 123-45-67"])
            try ws.succeed(["--db", file, "lead", "add", "--name", "Борис", "--email", "Boris@Example.com"])

            let viaEnvironment = try jsonArray(
                try ws.succeed(["lead", "list", "--format", "json"], environment: ["LEADTRAIL_DB": file]).stdout)
            #expect(viaEnvironment.compactMap { $0["name"] as? String } == ["Борис", "Анна"])  // newest first
            #expect(viaEnvironment.compactMap { $0["email"] as? String } == ["boris@example.com"])

            let before = try jsonArray(try ws.succeed(["--db", file, "lead", "list", "--format", "json"]).stdout)
            let after = try jsonArray(try ws.succeed(["lead", "list", "--format", "json", "--db", file]).stdout)
            #expect(before.count == 2)
            #expect(after.count == 2)

            // --db wins over the environment; and the default file was never created.
            let overridden = try jsonArray(
                try ws.succeed(
                    ["--db", file, "lead", "list", "--format", "json"],
                    environment: ["LEADTRAIL_DB": "elsewhere.sqlite"]
                ).stdout)
            #expect(overridden.count == 2)
            #expect(!ws.exists("leadtrail.sqlite"))
            #expect(!ws.exists("elsewhere.sqlite"))
        }
    }

    @Test func withoutDbOrEnvironmentTheFileIsInTheWorkingDirectory() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            #expect(ws.exists("leadtrail.sqlite"))
            try ws.succeed(["lead", "add", "--phone", "+7 916 123 45 67"])
            let viaEnvironment = try jsonArray(
                try ws.succeed(
                    ["lead", "list", "--format", "json"], environment: ["LEADTRAIL_DB": ws.defaultDatabase.path]
                ).stdout)
            #expect(viaEnvironment.count == 1)
        }
    }
}
