/// How a deal names its lead: `lead: {"id": 17}`, `{"external_id": "…"}`, `{"email": "…"}` or `{"phone": "…"}`.
public enum LeadReference: Hashable, Sendable {
    /// LeadTrail's own lead id.
    case id(Int64)
    /// The id the importing system gave the lead (Tilda `tranid`, Meta lead id).
    case externalID(String)
    /// The person's email: resolves to their latest lead created at or before the deal, else their earliest.
    case email(Email)
    /// The person's phone, resolved as an email is.
    case phone(Phone)

    /// A stable text for content hashes and storage: `id:17`, `external_id:…`, `email:…`, `phone:+7…`.
    public var hashText: String {
        switch self {
        case .id(let id): "id:\(id)"
        case .externalID(let text): "external_id:\(text)"
        case .email(let email): "email:\(email.normalized)"
        case .phone(let phone): "phone:\(phone.e164)"
        }
    }
}
