internal import LeadTrailCore

extension LeadReference {
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
}
