/// What a campaign is bought for.
public enum Objective: String, CaseIterable, Hashable, Sendable {
    case awareness, engagement, leads, sales
}
