/// What a KPI goal measures: a base figure or a ratio of the SPEC's Metrics section.
///
/// Each metric knows which way is better and whether it is money, so that `goal set` can store its target exactly
/// and `goal status` can judge it: cost metrics are met at or below the target, the others at or above.
public enum GoalMetric: String, CaseIterable, Hashable, Sendable {
    // Base figures, in the order `report roas` prints them.
    case spend, impressions, reach, clicks, engagements, leads, deals, won, revenue
    // The ratios of the Metrics section, in its order.
    case ctr, cpc, cpm, er, cpl, cac, roas, romi, aov
    case leadRate = "lead_rate"
    case winRate = "win_rate"

    /// Met at or below the target: the costs per unit (`cpl`, `cac`, `cpc`, `cpm`) and `spend`.
    ///
    /// `spend` is read as a budget: a goal on it is a ceiling the period's spend must stay under, which is how a
    /// marketer sets a spend target; a floor on spending would reward waste.
    public var isCost: Bool {
        switch self {
        case .spend, .cpc, .cpm, .cpl, .cac: true
        default: false
        }
    }

    /// Measured in money: its target is stored as integer minor units with a currency.
    public var isMoney: Bool {
        switch self {
        case .spend, .cpc, .cpm, .cpl, .cac, .aov, .revenue: true
        default: false
        }
    }

    /// A base figure that grows over the period (a sum), rather than a ratio.
    ///
    /// Additive figures are projected to the period's end by the share of the period elapsed; a ratio's projection
    /// is its current value.
    public var isAdditive: Bool {
        switch self {
        case .spend, .impressions, .reach, .clicks, .engagements, .leads, .deals, .won, .revenue: true
        default: false
        }
    }

    /// A share of one count in another (`ctr`, `er`, `lead_rate`, `win_rate`): tables print it as a percentage.
    public var isRate: Bool {
        switch self {
        case .ctr, .er, .leadRate, .winRate: true
        default: false
        }
    }

    /// A share whose target cannot pass 1 (100%): `ctr`, `lead_rate`, `win_rate`.
    ///
    /// `er` is left out: engagements per reached person pass 100% when people like and share the same post.
    public var isCappedShare: Bool {
        switch self {
        case .ctr, .leadRate, .winRate: true
        default: false
        }
    }

    /// Whether a target may be written as a percentage (`5%` = 0.05): the rates and the returns `roas` and `romi`.
    public var acceptsPercent: Bool { !isMoney && !isAdditive }

    /// Whether the figure comes from spend rows (spend and delivery) or is a ratio that needs one.
    ///
    /// The SPEC keeps spend per campaign only; a channel goal on such a metric needs its spend allotted to channels.
    public var needsDelivery: Bool {
        switch self {
        case .leads, .deals, .won, .revenue, .aov, .winRate: false
        default: true
        }
    }

    /// Reads a metric as users write it (`CPL`, `lead-rate`, `lead_rate`).
    public init(parsing text: String) throws(GoalError) {
        let normalized = String(text.trimmingWhitespace().lowercased().map { $0 == "-" ? "_" : $0 })
        guard let metric = GoalMetric(rawValue: normalized) else { throw .unknownMetric(text) }
        self = metric
    }

    /// `at most` for a cost, `at least` for the others: how a goal reads.
    public var direction: String { isCost ? "at most" : "at least" }
}
