import Testing

extension Trait where Self == TimeLimitTrait {
    /// The time limit of an end-to-end test: a guard against a hang, never a measure of speed.
    ///
    /// Swift Testing's limit is wall-clock time from the test's start, including the time it waits for the saturated
    /// machine while every other test runs beside it. On the 2-core machine a full run left tests that take 3 s alone
    /// past two-minute limits (`aWrongPasswordIsOneLine…`, `anUnreachableHostIsOneLineAndQuick`,
    /// `readsDuringAnImport…`, `twoInitsAtOnceOnANewFile…`: 120 s exceeded, in runs of 28 min). Twenty minutes still
    /// stops a hung test well inside CI's budget. What a user relies on for speed is asserted inside the tests (an
    /// unreachable host refused within 15 s, a command killed after two minutes by ``RunningCommand``).
    static var hangGuard: Self { .timeLimit(.minutes(20)) }
}
