public import Logging
import Foundation

/// How much LeadTrail's own loggers say: the level `$LEADTRAIL_LOG` names (`info`, `debug`, `trace`…), `warning`
/// otherwise. The command line sets up its handler with it; the stores' loggers take it too, because where nobody set
/// up logging (the tests, a program embedding a store) swift-log's default prints every `info` line — 80,000 lines
/// of a test run, which buried the one failure CI printed.
public enum StoreLogger {
    public static var level: Logger.Level {
        // `getenv`, not `ProcessInfo`: building its environment dictionary cost every command ~2 ms at start.
        getenv("LEADTRAIL_LOG").flatMap { Logger.Level(rawValue: String(cString: $0)) } ?? .warning
    }

    /// A logger under `label` at ``level``.
    public static func make(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}
