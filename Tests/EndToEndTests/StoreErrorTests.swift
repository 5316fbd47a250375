import Foundation
import Testing

/// Errors a person can act on: one line naming the path and the reason, never `NSCocoaErrorDomain`,
/// `SQLite error N` or SQL text, and a connection string's password never echoed.
struct StoreErrorTests {
    /// Nothing of the engine or of Foundation's error domains reaches the user.
    private func expectPlain(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
        for leak in ["NSCocoaErrorDomain", "NSPOSIXErrorDomain", "SQLite error", "SELECT ", "INSERT ", "Domain="] {
            #expect(!result.stderr.contains(leak), "\(result)", sourceLocation: sourceLocation)
        }
    }

    @Test func aFolderGivenAsTheDatabaseIsNamedAsAFolder() throws {
        try Workspace.with { ws in
            try FileManager.default.createDirectory(at: ws.path("data"), withIntermediateDirectories: false)
            for arguments in [["lead", "list"], ["lead", "add", "--phone", "89161234567"], ["init"], ["migrate"]] {
                let result = try ws.run(["--db", "data"] + arguments)
                expectRefused(result, mentioning: "database data is a folder")
                expectPlain(result)
            }
        }
    }

    @Test func aFolderGivenAsTheImportFileIsNamedAsAFolder() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try FileManager.default.createDirectory(at: ws.path("exports"), withIntermediateDirectories: false)
            let result = try ws.refuse(["import", "clicks", "exports"], mentioning: "exports: is a folder")
            expectPlain(result)
        }
    }

    @Test func aRejectsFileInAMissingFolderOrAFolderIsRefusedBeforeImporting() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let file = try ws.write(
                "clicks.ndjson", lines: [#"{"at": "2026-10-01T10:00:00Z", "visitor": "v-1"}"#, "{"])
            let missing = try ws.refuse(
                ["import", "clicks", file, "--skip-invalid", "--rejects", "out/rejects.ndjson"],
                mentioning: "--rejects out/rejects.ndjson", "folder out does not exist")
            expectPlain(missing)
            try FileManager.default.createDirectory(at: ws.path("out"), withIntermediateDirectories: false)
            let folder = try ws.refuse(
                ["import", "clicks", file, "--skip-invalid", "--rejects", "out"], mentioning: "--rejects out",
                "is a folder")
            expectPlain(folder)
        }
    }

    @Test func skipInvalidWithoutRejectsSaysHowManyRecordsItDropped() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = try ws.write(
                "clicks.ndjson",
                lines: [
                    #"{"at": "2026-10-01T10:00:00Z", "visitor": "v-1"}"#, #"{"at": "yesterday", "visitor": "v-2"}"#,
                    #"{"at": "2026-10-01T11:00:00Z"}"#,
                ])
            let result = try ws.succeed(["import", "clicks", file, "--skip-invalid"])
            #expect(
                result.stderrLines == [
                    "clicks.ndjson: dropped 2 invalid records (pass --rejects FILE to keep them with their reasons)"
                ])
            #expect(try ws.count("touch") == 1)
            // With --rejects the records are kept, so there is nothing to warn about.
            let kept = try ws.succeed(
                ["import", "clicks", file, "--skip-invalid", "--rejects", "rejects.ndjson", "--dry-run"])
            #expect(kept.stderr.isEmpty, "\(kept)")
        }
    }

    @Test func aReadOnlyDatabaseIsReadButNotWritten() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let path = ws.defaultDatabase.path
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
            let result = try ws.refuse(
                ["lead", "add", "--phone", "8 916 765-43-21"], mentioning: "cannot write to database leadtrail.sqlite",
                "read-only")
            expectPlain(result)
            let listed = try ws.listing(["lead", "list"])
            #expect(listed.count == 1)
        }
    }

    @Test func aFileThatIsNotADatabaseIsNamed() throws {
        try Workspace.with { ws in
            try ws.write("notes.txt", text: "shopping list: milk, bread, eggs\n")
            for arguments in [["lead", "list"], ["lead", "add", "--phone", "89161234567"], ["migrate"]] {
                let result = try ws.run(["--db", "notes.txt"] + arguments)
                expectRefused(result, mentioning: "notes.txt is not a LeadTrail database")
                expectPlain(result)
            }
            #expect(
                try String(contentsOf: ws.path("notes.txt"), encoding: .utf8) == "shopping list: milk, bread, eggs\n")
        }
    }

    @Test(arguments: [
        "postgres://marketer:s3cr3t-Pass@db.example.ru:5432/leads",
        "postgresql://marketer:s3cr3t-Pass@db.example.ru/leads?sslmode=require",
        "postgres://db.example.ru/leads?user=marketer&password=s3cr3t-Pass",
    ])
    func aConnectionStringIsRefusedWithoutItsPassword(url: String) throws {
        try Workspace.with { ws in
            let runs = [
                try ws.run(["--db", url, "lead", "list"]), try ws.run(["lead", "list", "--db", url]),
                try ws.run(["--db=\(url)", "report", "roas"]), try ws.run(["init", "--db", url]),
                try ws.run(["migrate", "--db", url]), try ws.run(["lead", "list"], environment: ["LEADTRAIL_DB": url]),
                try ws.run(["import", "clicks", "missing.ndjson", "--db", url]),
            ]
            for result in runs {
                #expect(result.status != 0, "\(result)")
                #expect(!result.stdout.contains("s3cr3t"), "\(result)")
                #expect(!result.stderr.contains("s3cr3t"), "the password was echoed:\n\(result)")
                #expect(result.stderrLines.count == 1, "\(result)")
            }
            #if Postgres
                // A team build tries the server: the name does not resolve here, and the refusal names it.
                expectRefused(runs[0], mentioning: "db.example.ru", "leads")
            #else
                expectRefused(runs[0], mentioning: "this build has no PostgreSQL store", "swift build --traits Team")
            #endif
        }
    }
}
