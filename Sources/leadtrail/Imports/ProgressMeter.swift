import Foundation
import LeadTrailImport

/// Progress of a long import on stderr — rows, rows per second, percent of the file — only when stderr is a
/// terminal, so logs and pipes stay clean.
final class ProgressMeter {
    private let file: String
    private let started = Date()
    private var lastDraw = Date.distantPast

    /// Nil when stderr is not a terminal.
    init?(file: String) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.file = file
    }

    func update(_ progress: ImportProgress) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let percent = progress.totalBytes > 0 ? Double(progress.bytesRead) * 100 / Double(progress.totalBytes) : 100
        let line = "\r\(file): \(progress.records) rows · \(Int(Double(progress.records) / elapsed)) rows/s · "
            + "\(Int(percent))%"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
