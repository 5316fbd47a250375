/// One request of a person as the duplicate rule sees it: when, from which contacts, under which key.
///
/// The key breaks ties in time (two requests in the same microsecond) by code point, so the judgement never
/// depends on the order the requests arrived in.
public struct PersonRequest: Sendable, Hashable {
    /// The request's record key: its id in the import file, else its content hash; `lead-add:…` for the CLI.
    public var key: String
    public var at: Timestamp
    /// The normalised email (`Email.normalized`), when the request gave one.
    public var email: String?
    /// The normalised phone (`Phone.e164`), when the request gave one.
    public var phone: String?
    /// The lead a `lead merge` put this request on: it stays there whatever the duplicate rule would say.
    public var pinnedLead: Int64?

    public init(key: String, at: Timestamp, email: String?, phone: String?, pinnedLead: Int64? = nil) {
        self.key = key
        self.at = at
        self.email = email
        self.phone = phone
        self.pinnedLead = pinnedLead
    }
}
