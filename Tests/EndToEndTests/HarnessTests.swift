import Foundation
import Testing

/// The harness itself: it finds the binary, keeps stdout and stderr apart, and its dump sees every change.
struct HarnessTests {
    @Test func findsTheBuiltBinary() throws {
        let url = try BuiltBinary.url()
        #expect(url.lastPathComponent == "leadtrail")
        #expect(FileManager.default.isExecutableFile(atPath: url.path))
    }

    @Test func separatesStdoutFromStderrAndReportsTheExitStatus() throws {
        try Workspace.with { ws in
            let help = try ws.run(["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("lead"))
            let bad = try ws.run(["no-such-command"])
            #expect(bad.status != 0)
            #expect(bad.stdout.isEmpty)
            #expect(!bad.stderr.isEmpty)
        }
    }

    @Test func dumpSeesARowChange() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let before = try DatabaseDump.of(ws.defaultDatabase)
            #expect(before.contains("Анна Петрова"))
            #expect(try DatabaseDump.of(ws.defaultDatabase) == before, "two dumps of an unchanged file differ")
            try ws.succeed(["lead", "assign", "1", "Олег"])
            #expect(try DatabaseDump.of(ws.defaultDatabase) != before)
        }
    }
}
