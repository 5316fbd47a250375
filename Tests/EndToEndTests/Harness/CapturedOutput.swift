import Foundation

/// A child process's stdout or stderr caught in a temporary file instead of a pipe.
///
/// Reading a pipe to its end waits until every process holding its write end has exited, and a child that another
/// test spawns at the same moment (a `leadtrail serve` that lives for minutes) can inherit that end; a pipe also holds
/// only 64 KiB of what a background command prints before the command blocks. A file has neither: its contents are
/// read once the child has exited. (Suspected first when tests that take 3 s alone went past their limits in a full
/// run; the cause turned out to be the limits themselves, see ``Trait/hangGuard``, but the hazard is real.)
final class CapturedOutput: @unchecked Sendable {
    /// The handle the child writes to (`Process.standardOutput` or `standardError`).
    let handle: FileHandle
    private let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("leadtrail-test-output-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
    }

    /// What the child has written so far, while it runs.
    func peek() -> Data {
        (try? Data(contentsOf: url)) ?? Data()
    }

    /// Everything the child wrote: call it after the child has exited.
    func data() -> Data {
        try? handle.close()
        return (try? Data(contentsOf: url)) ?? Data()
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }
}
