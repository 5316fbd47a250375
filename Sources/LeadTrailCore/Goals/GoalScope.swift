/// What a goal covers: everything, one campaign, or one channel.
public enum GoalScope: Hashable, Sendable {
    case all
    /// A campaign by its normalised key.
    case campaign(String)
    case channel(Channel)

    /// `all`, `campaign` or `channel`.
    public var kind: String {
        switch self {
        case .all: "all"
        case .campaign: "campaign"
        case .channel: "channel"
        }
    }

    /// The campaign key or the channel name; nil for `all`.
    public var key: String? {
        switch self {
        case .all: nil
        case .campaign(let key): key
        case .channel(let channel): channel.rawValue
        }
    }

    /// How tables print it: `all`, `campaign black_friday`, `channel paid_social`.
    public var text: String { key.map { "\(kind) \($0)" } ?? kind }
}
