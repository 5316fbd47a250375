import LeadTrailCore
import Testing

@testable import LeadTrailReports

/// The status rule on its own, in scaled integers (minor units or millionths), at its boundaries.
@Suite struct GoalStatusRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var metric: GoalMetric
        var target: Int64
        var actual: Int64?
        var projection: Int64?
        var started = true
        var ended = false
        var unbounded = false
        var status: GoalStatus
        var testDescription: String {
            "\(metric.rawValue) target \(target) actual \(actual.map(String.init) ?? "nil") projection "
                + "\(projection.map(String.init) ?? "nil")\(ended ? " ended" : "")\(started ? "" : " not started")"
        }
    }

    static let cases: [Case] = [
        Case(metric: .leads, target: 100, actual: nil, projection: nil, started: false, status: .notStarted),
        Case(metric: .cpl, target: 100, actual: nil, projection: nil, status: .noData),
        Case(metric: .cpl, target: 100, actual: nil, projection: nil, ended: true, status: .noData),
        // Spend and nothing to divide it by: an unbounded cost, off track during and after the period.
        Case(metric: .cpl, target: 100, actual: nil, projection: nil, unbounded: true, status: .offTrack),
        Case(metric: .cac, target: 100, actual: nil, projection: nil, ended: true, unbounded: true, status: .offTrack),
        Case(
            metric: .cpl, target: 100, actual: nil, projection: nil, started: false, unbounded: true,
            status: .notStarted),
        // Ended: satisfied or not, nothing in between.
        Case(metric: .cpl, target: 100, actual: 100, projection: 100, ended: true, status: .met),
        Case(metric: .cpl, target: 100, actual: 101, projection: 101, ended: true, status: .offTrack),
        Case(metric: .leads, target: 100, actual: 100, projection: 100, ended: true, status: .met),
        Case(metric: .leads, target: 100, actual: 99, projection: 99, ended: true, status: .offTrack),
        // Additive non-cost already reached: met early.
        Case(metric: .leads, target: 100, actual: 100, projection: 300, status: .met),
        // Spend over budget already: off track, whatever the pace.
        Case(metric: .spend, target: 100, actual: 101, projection: 101, status: .offTrack),
        // Projections: exactly on target, at the 10% boundary, just past it.
        Case(metric: .leads, target: 100, actual: 50, projection: 100, status: .onTrack),
        Case(metric: .leads, target: 100, actual: 45, projection: 90, status: .atRisk),
        Case(metric: .leads, target: 100, actual: 44, projection: 89, status: .offTrack),
        Case(metric: .cpl, target: 100, actual: 110, projection: 110, status: .atRisk),
        Case(metric: .cpl, target: 100, actual: 111, projection: 111, status: .offTrack),
        Case(metric: .cpl, target: 100, actual: 40, projection: 40, status: .onTrack),
        Case(metric: .roas, target: 2_000_000, actual: 1_800_000, projection: 1_800_000, status: .atRisk),
        Case(metric: .spend, target: 1000, actual: 500, projection: 1100, status: .atRisk),
        Case(metric: .spend, target: 1000, actual: 500, projection: 1000, status: .onTrack),
        // A target of zero leaves no room to be at risk.
        Case(metric: .cpl, target: 0, actual: 1, projection: 1, status: .offTrack),
        // A negative ROMI target: 10% of its magnitude.
        Case(metric: .romi, target: -200_000, actual: -220_000, projection: -220_000, status: .atRisk),
    ]

    @Test(arguments: cases)
    func judges(_ c: Case) {
        #expect(
            GoalStatus.judge(
                metric: c.metric, target: c.target, actual: c.actual, projection: c.projection, started: c.started,
                ended: c.ended, unbounded: c.unbounded) == c.status)
    }

    @Test func displayText() {
        #expect(
            GoalStatus.allCases.map(\.displayText) == [
                "met", "on track", "at risk", "off track", "not started", "no data", "no rate",
            ])
        #expect(
            GoalStatus.allCases.map(\.rawValue) == [
                "met", "on_track", "at_risk", "off_track", "not_started", "no_data", "no_rate",
            ])
    }
}
