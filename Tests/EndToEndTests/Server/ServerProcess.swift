#if Server
import Foundation
import Testing

/// A real `leadtrail serve` started by a test on a free loopback port (port 0: the port is read from the
/// server's `listening on` log line), always stopped when the test ends.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var logText = ""
    private(set) var port = 0

    var base: String { "http://127.0.0.1:\(port)" }
    var log: String { lock.withLock { logText } }

    /// Starts the server in `ws` (on its PostgreSQL database, if it has one, through `$LEADTRAIL_DB`) and waits (at
    /// most 60 s) for its first `listening on` line.
    init(_ ws: Workspace, arguments: [String] = [], environment: [String: String] = [:]) throws {
        process.executableURL = try BuiltBinary.url()
        process.arguments = ["serve", "--listen", "127.0.0.1:0"] + arguments
        process.currentDirectoryURL = ws.folder
        var merged = ProcessInfo.processInfo.environment
        merged["LEADTRAIL_DB"] = ws.postgres?.url
        merged["LEADTRAIL_LOG"] = nil
        merged["LEADTRAIL_LISTEN"] = nil
        merged.merge(environment) { _, new in new }
        process.environment = merged
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = errors
        process.standardInput = FileHandle.nullDevice
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.logText += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let found = Self.port(in: log) {
                port = found
                return
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop(signal: SIGKILL)
        throw StartFailure(log: log)
    }

    struct StartFailure: Error, CustomStringConvertible {
        let log: String
        var description: String { "leadtrail serve did not start:\n\(log)" }
    }

    static func port(in log: String) -> Int? {
        guard let range = log.range(of: "listening on 127.0.0.1:") else { return nil }
        let digits = log[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }

    /// Sends `signal` and waits for the process to end; returns its exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Sends `signal` and waits at most `seconds` for the process to end: its exit status, or nil when it was still
    /// running (it is then killed, so a test never hangs on it).
    func stop(signal: Int32 = SIGTERM, within seconds: Double) -> Int32? {
        if process.isRunning { kill(process.processIdentifier, signal) }
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else {
            stop(signal: SIGKILL)
            return nil
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// One HTTP exchange through curl (which never follows redirects here).
    func request(
        _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8]? = nil
    ) throws -> HTTPExchange {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        var arguments = ["-s", "-S", "-i", "--max-time", "20", "-X", method]
        if method == "HEAD" { arguments = ["-s", "-S", "-I", "--max-time", "20"] }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { arguments += ["-H", "\(name): \(value)"] }
        // The body from a file and the answer into one, not through pipes (see ``CapturedOutput``).
        var bodyFile: URL?
        defer { if let bodyFile { try? FileManager.default.removeItem(at: bodyFile) } }
        if let body {
            let file = FileManager.default.temporaryDirectory
                .appendingPathComponent("leadtrail-test-body-\(UUID().uuidString)")
            try Data(body).write(to: file)
            bodyFile = file
            arguments += ["--data-binary", "@" + file.path]
        }
        arguments.append(base + path)
        curl.arguments = arguments
        let output = try CapturedOutput()
        curl.standardInput = FileHandle.nullDevice
        curl.standardOutput = output.handle
        curl.standardError = FileHandle.nullDevice
        try curl.run()
        curl.waitUntilExit()
        return HTTPExchange(raw: output.data())
    }

    func request(_ method: String, _ path: String, headers: [String: String] = [:], text: String) throws -> HTTPExchange {
        try request(method, path, headers: headers, body: Array(text.utf8))
    }
}

/// A response as curl printed it: status, headers (names lowercased) and body.
struct HTTPExchange: CustomStringConvertible {
    var status = 0
    var headers: [String: String] = [:]
    var body = ""

    init(raw: Data) {
        let text = String(decoding: raw, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else {
            body = text
            return
        }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        body = String(text[split.upperBound...])
    }

    var description: String { "\(status) \(headers) \(body)" }
}
#endif
