/// The state of a deal. Revenue is the amount of won deals, recognised at their close time.
public enum DealStatus: String, CaseIterable, Hashable, Sendable {
    case open, won, lost
}
