import Glibc

/// Ctrl-C during an import: one line on stderr saying nothing was imported, then the default end by SIGINT (so a
/// shell loop around the command stops too). It is true because an import commits once, at its end: SQLite ignores
/// the unfinished transaction's pages, PostgreSQL rolls it back when the connection drops.
enum InterruptNotice {
    /// The line, as C bytes made before the signal can come: the handler may only call async-signal-safe functions.
    nonisolated(unsafe) private static var line: UnsafeMutableBufferPointer<UInt8>?
    /// Files to remove first (`unlink` is async-signal-safe), as C strings made beforehand.
    nonisolated(unsafe) private static var files: UnsafeMutableBufferPointer<UnsafeMutablePointer<CChar>?>?

    /// Says `text` (one line) on Ctrl-C from now on, after removing `removing` (the demo's half-built files). A command
    /// started with Ctrl-C ignored (a script's `&` job) keeps ignoring it.
    static func install(_ text: String, removing paths: [String] = []) {
        var current = sigaction()
        guard sigaction(SIGINT, nil, &current) == 0, current.__sigaction_handler.sa_handler == nil else { return }
        // On a terminal the cursor may stand after `^C` or a progress line: start on a fresh line.
        let bytes = Array(((isatty(2) == 1 ? "\n" : "") + text + "\n").utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        line = buffer
        let names = UnsafeMutableBufferPointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: paths.count)
        _ = names.initialize(from: paths.map { strdup($0) })
        files = names
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            for name in InterruptNotice.files ?? UnsafeMutableBufferPointer(start: nil, count: 0) {
                if let name { unlink(name) }
            }
            if let line = InterruptNotice.line { _ = write(2, line.baseAddress, line.count) }
            signal(number, SIG_DFL)
            raise(number)
        }
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, nil)
    }
}
