extension Money {
    /// Parses an exact decimal amount in major units (`12500.00`, `12500`, `-3.5`).
    ///
    /// More decimals than the currency's minor unit is an error (`12.345` RUB); a negative amount is an error unless
    /// `allowsNegative`. With `allowsLocaleForms`, the Russian CSV forms are accepted too: `1 234,50` with a space
    /// or no-break space (U+00A0, U+202F) between thousands and a comma as the decimal mark.
    public static func parse(
        _ text: String, currency: Currency, allowsNegative: Bool = false, allowsLocaleForms: Bool = false
    ) throws(ValidationError) -> Money {
        fatalError("TODO")
    }

    /// The amount in major units as exact text: `12500.00`, `-3.50`, `100` for JPY.
    public var amountText: String { fatalError("TODO") }
}
