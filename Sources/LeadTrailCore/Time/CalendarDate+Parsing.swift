extension CalendarDate {
    /// Parses `YYYY-MM-DD`, rejecting impossible days (2026-02-30).
    public init(parsing text: String) throws(ValidationError) { fatalError("TODO") }
}
