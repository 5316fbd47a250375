/// The default channel grouping of a touch, modelled on GA4's default channel groups (SPEC "Channel grouping").
public enum Channel: String, CaseIterable, Hashable, Sendable {
    case direct
    case paidSocial = "paid_social"
    case organicSocial = "organic_social"
    case paidSearch = "paid_search"
    case organicSearch = "organic_search"
    case email
    case referral
    case display
    case other
}
