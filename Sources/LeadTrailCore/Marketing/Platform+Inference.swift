extension Platform {
    /// The platform an auto-created campaign takes from the utm_source of its first touch
    /// (vk, instagram, telegram, yandex…; an email medium or source → `email`; else `other`).
    public static func inferred(source: String?, medium: String?) -> Platform { fatalError("TODO") }
}
