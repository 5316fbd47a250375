#if Server
import Logging

/// A log handler that prints as swift-log's `StreamLogHandler` does (`TIME LEVEL LABEL: [SOURCE] MESSAGE`) but hands
/// each line to a ``LogLineWriter``, so that logging one line per request never blocks the request.
struct BufferedLogHandler: LogHandler {
    let label: String
    let writer: LogLineWriter
    var logLevel: Logger.Level = .info
    var metadata = Logger.Metadata()

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        if let error = event.error { merged["error.message"] = "\(error)" }
        let pairs = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let pretty = pairs.isEmpty ? "" : " " + pairs.joined(separator: " ")
        writer.append("\(event.level) \(label):\(pretty) [\(event.source)] \(event.message)\n")
    }
}
#endif
