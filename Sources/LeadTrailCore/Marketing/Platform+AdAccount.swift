extension Platform {
    /// The advertising account a platform's spend is bought in: Facebook and Instagram are one Meta account (a Meta
    /// Ads export cannot tell them apart), every other platform is its own.
    ///
    /// A day of a campaign's spend from two platforms of one account is one campaign exported twice, not two campaigns
    /// sharing a name.
    public var adAccount: String {
        switch self {
        case .facebook, .instagram: "meta"
        default: rawValue
        }
    }
}
