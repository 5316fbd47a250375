public import LeadTrailCore

extension SessionRule {
    /// What the rule compares of a touch: its five UTM values (source, medium, campaign, content, term) normalised,
    /// so `VK` and ` vk ` are one session.
    public static func values(_ raw: [String?]) -> [String?] { raw.map { Normalize.key($0) } }
}
