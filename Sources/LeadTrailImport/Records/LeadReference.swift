public import LeadTrailCore

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

    /// Reads the `lead` object; when it has several keys, the first of id, external_id, email, phone wins.
    init(object: JSONObject) throws(RecordError) {
        if let value = object["id"], value != .null {
            guard let text = value.scalarText?.trimmingWhitespace(), let id = Int64(text), id > 0 else {
                throw RecordError(field: "lead.id", message: "expected a lead id (a positive whole number)")
            }
            self = .id(id)
        } else if let external = try object.text("external_id").map({ $0 }) {
            self = .externalID(external)
        } else if let email = try object.text("email") {
            do { self = .email(try Email(parsing: email)) } catch { throw RecordError(field: "lead.email", error) }
        } else if let phone = try object.text("phone") {
            do { self = .phone(try Phone(parsing: phone)) } catch { throw RecordError(field: "lead.phone", error) }
        } else {
            throw RecordError(field: "lead", message: "expected one of 'id', 'external_id', 'email', 'phone'")
        }
    }

    /// A stable text for content hashes: `id:17`, `external_id:…`, `email:…`, `phone:+7…`.
    var hashText: String {
        switch self {
        case .id(let id): "id:\(id)"
        case .externalID(let text): "external_id:\(text)"
        case .email(let email): "email:\(email.normalized)"
        case .phone(let phone): "phone:\(phone.e164)"
        }
    }
}
