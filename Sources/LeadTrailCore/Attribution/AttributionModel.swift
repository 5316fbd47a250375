/// How a conversion's one credit (and its whole value) is shared among the touches of its journey (SPEC "Attribution").
public enum AttributionModel: String, CaseIterable, Hashable, Sendable {
    case firstTouch = "first_touch"
    case lastTouch = "last_touch"
    /// The default: the last touch that was not a direct visit, so typing the address after an ad keeps the ad's credit.
    case lastNonDirect = "last_non_direct"
    case linear
    case positionBased = "position_based"
    case timeDecay = "time_decay"
    /// Data-driven: removal effects of a first-order Markov chain over the period's journeys, solved exactly.
    case markov

    /// True for the models that weigh each journey on its own; `markov` needs every journey of the period at once.
    public var isHeuristic: Bool { self != .markov }
}
