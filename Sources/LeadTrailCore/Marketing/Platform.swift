/// The advertising platform a campaign runs on.
public enum Platform: String, CaseIterable, Hashable, Sendable {
    case vk, instagram, facebook, telegram, tiktok, youtube, linkedin, yandex, google, email, other
}
