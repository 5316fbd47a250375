import Foundation
import Testing

/// The database file's protection, re-running `init`, and a binary that stands alone.
struct SecurityTests {
    @Test func databaseFileIsReadableByItsOwnerOnly() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let attributes = try FileManager.default.attributesOfItem(atPath: ws.defaultDatabase.path)
            let mode = try #require(attributes[.posixPermissions] as? NSNumber).intValue
            #expect(mode & 0o777 == 0o600, "mode is \(String(mode & 0o777, radix: 8))")
        }
    }

    @Test func initTwiceKeepsTheDataAndSucceeds() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.succeed(["lead", "stage", "1", "contacted"])
            let before = try DatabaseDump.of(ws.defaultDatabase)
            try ws.succeed(["init"])
            #expect(try DatabaseDump.of(ws.defaultDatabase) == before)
            let leads = try jsonArray(try ws.succeed(["lead", "list", "--format", "json"]).stdout)
            #expect(leads.count == 1)
            #expect(leads.first?["stage"] as? String == "contacted")
        }
    }

    @Test func binaryCopiedAloneRunsElsewhere() throws {
        try Workspace.with { ws in
            let binFolder = ws.path("bin")
            let workFolder = ws.path("work")
            try FileManager.default.createDirectory(at: binFolder, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
            let copy = binFolder.appendingPathComponent("leadtrail")
            try FileManager.default.copyItem(at: try BuiltBinary.url(), to: copy)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)

            let initialised = try ws.run(["init"], executable: copy, directory: workFolder)
            #expect(initialised.status == 0, "\(initialised)")
            let added = try ws.run(
                ["lead", "add", "--name", "Анна", "--phone", "8 (916) 123-45-67"], executable: copy,
                directory: workFolder)
            #expect(added.status == 0, "\(added)")
            let listed = try ws.run(["lead", "list", "--format", "json"], executable: copy, directory: workFolder)
            #expect(listed.status == 0, "\(listed)")
            #expect(try jsonArray(listed.stdout).first?["phone"] as? String == "+79161234567")
            #expect(FileManager.default.fileExists(atPath: workFolder.appendingPathComponent("leadtrail.sqlite").path))
        }
    }
}
