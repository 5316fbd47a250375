/// What one run of the binary produced.
struct RunResult: Sendable, CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var stdout: String
    var stderr: String

    var succeeded: Bool { status == 0 }

    /// Standard output split into lines (LF or CRLF), without the final empty piece after a trailing newline.
    var stdoutLines: [String] { Self.lines(stdout) }
    var stderrLines: [String] { Self.lines(stderr) }

    static func lines(_ text: String) -> [String] {
        var pieces = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if pieces.last == "" { pieces.removeLast() }
        return pieces
    }

    var description: String {
        "leadtrail \(arguments.joined(separator: " ")) → exit \(status)\n--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)"
    }
}
