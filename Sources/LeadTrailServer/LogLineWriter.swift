#if Server
import Dispatch
import Glibc
import Synchronization

/// Writes the server's log lines to stderr from a thread of its own, so that a request never waits for the terminal
/// or the pipe behind it: the request only appends its line to a buffer.
///
/// Lines are written in order, several per `write(2)` when they come fast. When whatever reads stderr stops reading
/// and ``maxPending`` bytes are waiting, new lines are dropped (never the requests) and the next line written says how
/// many were.
final class LogLineWriter: Sendable {
    /// The most bytes kept waiting for stderr.
    static let maxPending = 8 * 1024 * 1024

    private struct State {
        var pending: [UInt8] = []
        var dropped = 0
        var writing = false
        /// The timestamp of the last whole second formatted, and that second.
        var second = Int.min
        var stamp = ""
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "leadtrail.serve.log")
    private let descriptor: Int32

    init(descriptor: Int32 = STDERR_FILENO) {
        self.descriptor = descriptor
    }

    /// Queues `text` (one line, with its newline) after the current time as `2026-12-04T03:09:04+0300`.
    func append(_ text: String) {
        let now = time(nil)
        let wake = state.withLock { state -> Bool in
            guard state.pending.count < Self.maxPending else {
                state.dropped += 1
                return false
            }
            if state.second != now {
                state.second = now
                state.stamp = Self.timestamp(now)
            }
            state.pending.append(contentsOf: state.stamp.utf8)
            state.pending.append(0x20)
            state.pending.append(contentsOf: text.utf8)
            guard !state.writing else { return false }
            state.writing = true
            return true
        }
        if wake { queue.async { self.drain() } }
    }

    /// Returns once every line queued so far is written.
    func flush() {
        // The queue is serial and each drain runs until nothing is pending.
        queue.sync {}
    }

    private func drain() {
        while true {
            let (bytes, dropped): ([UInt8], Int) = state.withLock { state in
                guard !state.pending.isEmpty || state.dropped > 0 else {
                    state.writing = false
                    return ([], 0)
                }
                let taken = (state.pending, state.dropped)
                state.pending = []
                state.dropped = 0
                return taken
            }
            guard !bytes.isEmpty || dropped > 0 else { return }
            write(bytes)
            if dropped > 0 {
                let line =
                    "\(Self.timestamp(time(nil))) warning leadtrail.serve: \(dropped) log lines dropped "
                    + "(stderr was not read)\n"
                write(Array(line.utf8))
            }
        }
    }

    private func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return }
                offset += count
            }
        }
    }

    /// The local time of `seconds` as swift-log's stream handler prints it.
    private static func timestamp(_ seconds: time_t) -> String {
        var seconds = seconds
        var parts = tm()
        localtime_r(&seconds, &parts)
        var buffer = [Int8](repeating: 0, count: 64)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
#endif
