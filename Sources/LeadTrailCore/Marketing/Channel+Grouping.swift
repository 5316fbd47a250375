extension Channel {
    /// Groups a touch by the SPEC's channel table, evaluated in order on normalised values, first match wins.
    public static func classify(utm: UTM, referrer: String?, clickID: ClickID?) -> Channel { fatalError("TODO") }
}
