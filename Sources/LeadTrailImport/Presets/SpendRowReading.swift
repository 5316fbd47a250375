/// What a spend preset makes of one row of its file.
enum SpendRowReading {
    /// A day of one campaign's spend, as a generic spend object.
    case row(JSONObject)
    /// The platform's total/summary row, with the amount it states (nil when it states none); the file's rows must
    /// add up to it.
    case total(amount: String?)
    /// Not spend at all (a blank row), counted as skipped with this reason.
    case skip(String)
}
