extension Currency {
    /// ISO 4217 active codes and the digits of their minor unit. TODO(core helper): the full table.
    static let iso4217MinorDigits: [String: Int] = ["RUB": 2, "USD": 2, "EUR": 2, "JPY": 0, "KWD": 3]
}
