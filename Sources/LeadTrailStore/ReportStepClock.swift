public import Logging

/// How long each step of loading a report's data took, logged at info (`LEADTRAIL_LOG=info`): the same lines from
/// every store, so their steps can be set side by side.
public struct ReportStepClock {
    private let logger: Logger
    private var started = ContinuousClock.now

    public init(logger: Logger) {
        self.logger = logger
    }

    /// Logs the time since the last step (or since the clock was made) under `step`'s name.
    public mutating func lap(_ step: String) {
        let now = ContinuousClock.now
        logger.info("report data: \(step) took \(now - started)")
        started = now
    }
}
