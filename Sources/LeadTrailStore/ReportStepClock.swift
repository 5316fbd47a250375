public import Logging

/// How long each step of loading a report's data (or of writing an import batch) took, logged at info
/// (`LEADTRAIL_LOG=info`): the same lines from every store, so their steps can be set side by side.
public struct ReportStepClock {
    private let logger: Logger
    private let work: String
    private var started = ContinuousClock.now

    /// - Parameter work: what the steps are of, the start of each line.
    public init(logger: Logger, work: String = "report data") {
        self.logger = logger
        self.work = work
    }

    /// Logs the time since the last step (or since the clock was made) under `step`'s name.
    public mutating func lap(_ step: String) {
        let now = ContinuousClock.now
        logger.info("\(work): \(step) took \(now - started)")
        started = now
    }
}
