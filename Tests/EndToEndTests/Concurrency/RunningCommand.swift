import Foundation
import Testing

/// A `leadtrail` run started in the background, so a test can run others while it is under way.
final class RunningCommand: @unchecked Sendable {
    let arguments: [String]
    let process = Process()
    /// Files, not pipes (see ``CapturedOutput``).
    private let output: CapturedOutput
    private let errors: CapturedOutput

    /// Starts the binary in the workspace, with the environment `Workspace.run` gives (plus `environment`).
    /// `executable` and `arguments` replace the binary and the arguments (to run it under `script`, say).
    init(
        _ ws: Workspace, _ arguments: [String], environment: [String: String] = [:], executable: URL? = nil,
        arguments replaced: [String]? = nil
    ) throws {
        self.arguments = replaced ?? arguments
        output = try CapturedOutput()
        errors = try CapturedOutput()
        process.executableURL = try executable ?? BuiltBinary.url()
        process.arguments = replaced ?? arguments
        process.currentDirectoryURL = ws.folder
        var merged = ProcessInfo.processInfo.environment
        merged["LEADTRAIL_DB"] = nil
        merged["LEADTRAIL_LOG"] = nil
        merged.merge(environment) { _, new in new }
        process.environment = merged
        process.standardOutput = output.handle
        process.standardError = errors.handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// What the command has printed on stdout so far, while it runs.
    var stdoutSoFar: String { String(decoding: output.peek(), as: UTF8.self) }

    /// Waits for the end and returns what it printed.
    /// A command still running after two minutes is killed, so a test that goes wrong fails instead of hanging.
    func wait() -> RunResult {
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            Issue.record("leadtrail \(arguments.joined(separator: " ")) still ran after two minutes; killed")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        let stdout = output.data()
        let stderr = errors.data()
        return RunResult(
            arguments: arguments, status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Sends a signal (SIGINT is Ctrl-C) and waits for the end.
    func signal(_ number: Int32) -> RunResult {
        kill(process.processIdentifier, number)
        return wait()
    }
}
