/// Why a goal was refused, as one line that names the option at fault.
public enum GoalError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownMetric(String)
    case invalidTarget(String, metric: GoalMetric)
    case tooManyDecimals(String, currency: String, digits: Int)
    case tooPrecise(String, digits: Int)
    case negativeTarget(String, metric: GoalMetric)
    case percentNotAllowed(String, metric: GoalMetric)
    case unknownChannel(String)
    case unknownGoal(Int64)

    public var description: String {
        switch self {
        case .unknownMetric(let text):
            "--metric: unknown metric '\(text)' (expected one of \(GoalMetric.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .invalidTarget(let text, let metric):
            "--target: invalid number '\(text)' for \(metric.rawValue) (expected a decimal number such as "
                + "\(metric.isMoney ? "450.00" : metric.acceptsPercent ? "0.05 or 5%" : "120"))"
        case .tooManyDecimals(let text, let currency, let digits):
            "--target: '\(text)' has more decimals than \(currency) allows (\(digits))"
        case .tooPrecise(let text, let digits):
            "--target: '\(text)' has more than \(digits) decimals"
        case .negativeTarget(let text, let metric):
            "--target: '\(text)' is negative; a \(metric.rawValue) target must be 0 or more"
        case .percentNotAllowed(let text, let metric):
            "--target: '\(text)' is a percentage, but \(metric.rawValue) is "
                + "\(metric.isMoney ? "money" : "a count"); give a plain number"
        case .unknownChannel(let text):
            "--channel: unknown channel '\(text)' (expected one of \(Channel.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .unknownGoal(let id): "unknown goal \(id) (see 'leadtrail goal list')"
        }
    }
}
