extension WebhookSource {
    /// The option of `hook add` whose value this source holds blank (`--meta-app-secret`), or nil when none is.
    ///
    /// An empty app secret makes an HMAC anyone can compute, an empty verify token or VK secret matches a request that
    /// sends none: `hook add` refuses them, `hook rotate` refuses to renew such a source, and the server refuses its
    /// deliveries (a database made before `hook add` refused them may hold one).
    public var blankSecretOption: String? {
        let options: [(String, String?)] =
            switch format {
            case .vk: [("--vk-confirmation", handshake), ("--vk-secret", sharedSecret)]
            case .meta: [("--meta-verify-token", handshake ?? ""), ("--meta-app-secret", sharedSecret ?? "")]
            case .tilda, .json: []
            }
        return options.first { $0.1.map(Self.isBlank) ?? false }?.0
    }

    /// Whether a platform secret is empty or only whitespace.
    public static func isBlank(_ secret: String) -> Bool {
        secret.allSatisfy { $0.isWhitespace }
    }
}
