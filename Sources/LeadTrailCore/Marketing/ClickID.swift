/// An ad platform's click identifier found on a landing URL (`gclid=…`, `yclid=…`).
public struct ClickID: Hashable, Sendable {
    /// The query parameter name, lower case: `gclid`, `yclid`, `fbclid`, `ttclid`, `vkclid`, `rb_clickid`, `msclkid`.
    public var parameter: String
    public var value: String

    public init(parameter: String, value: String) {
        self.parameter = parameter
        self.value = value
    }

    /// The parameters recognised as click ids, in the order they are looked for.
    public static let parameters = ["gclid", "yclid", "fbclid", "ttclid", "vkclid", "rb_clickid", "msclkid"]
}
