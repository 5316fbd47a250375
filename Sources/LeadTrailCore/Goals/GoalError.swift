/// Why a goal was refused, as one line that names the option at fault.
public enum GoalError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownMetric(String)
    case invalidTarget(String, metric: GoalMetric)
    case tooManyDecimals(String, currency: String, digits: Int)
    /// A target with a comma before three digits (`12,500`): 12.5 or 12500.
    case ambiguousTarget(String, metric: GoalMetric)
    case tooPrecise(String, digits: Int)
    case negativeTarget(String, metric: GoalMetric)
    case percentNotAllowed(String, metric: GoalMetric)
    case rateAboveOne(String, metric: GoalMetric)
    case fractionalCount(String, metric: GoalMetric)
    case targetOutOfRange(String, metric: GoalMetric)
    case unknownChannel(String)
    case unknownGoal(Int64)

    public var description: String {
        switch self {
        case .unknownMetric(let text):
            "--metric: unknown metric '\(ValidationError.shown(text))' (expected one of "
                + "\(GoalMetric.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .invalidTarget(let text, let metric):
            "--target: invalid number '\(ValidationError.shown(text))' for \(metric.rawValue) "
                + "(expected a decimal number such as "
                + "\(metric.isMoney ? "450.00" : metric.acceptsPercent ? "0.05 or 5%" : "120"))"
        case .tooManyDecimals(let text, let currency, let digits):
            "--target: '\(ValidationError.shown(text))' has more decimals than \(currency) allows (\(digits))"
        case .ambiguousTarget(let text, let metric) where metric.isAdditive && !metric.isMoney:
            // A count is whole: the decimal reading is no way out, only the thousands one.
            "--target: '\(ValidationError.shown(text))' reads two ways (a decimal comma, or thousands); "
                + "\(metric.rawValue) is a count: write it without the comma "
                + "(\(ValidationError.shown(String(text.filter { $0 != "," }))))"
        case .ambiguousTarget(let text, _): "--target: " + ValidationError.readsTwoWays(text)
        case .tooPrecise(let text, let digits):
            "--target: '\(ValidationError.shown(text))' has more than \(digits) decimals"
        case .negativeTarget(let text, let metric):
            "--target: '\(ValidationError.shown(text))' is negative; a \(metric.rawValue) target must be 0 or more"
        case .percentNotAllowed(let text, let metric):
            "--target: '\(ValidationError.shown(text))' is a percentage, but \(metric.rawValue) is "
                + "\(metric.isMoney ? "money" : "a count"); give a plain number"
        case .rateAboveOne(let text, let metric):
            "--target: '\(ValidationError.shown(text))' is more than 100%; a \(metric.rawValue) target is at most "
                + "1 (100%)"
        case .fractionalCount(let text, let metric):
            "--target: '\(ValidationError.shown(text))' is not a whole number; \(metric.rawValue) is a count"
        case .targetOutOfRange(let text, let metric):
            "--target: '\(ValidationError.shown(text))' is out of range for \(metric.rawValue) (at most 15 digits"
                + (metric.isMoney ? " of minor units)" : ")")
        case .unknownChannel(let text):
            "--channel: unknown channel '\(ValidationError.shown(text))' (expected one of "
                + "\(Channel.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .unknownGoal(let id): "unknown goal \(id) (see 'leadtrail goal list')"
        }
    }
}
