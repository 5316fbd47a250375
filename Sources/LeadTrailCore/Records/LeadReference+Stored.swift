extension LeadReference {
    /// Reads back the text ``hashText`` stores (`id:17`, `external_id:…`, `email:…`, `phone:+7…`); nil for text it
    /// never writes. Every store reads a deal's stored reference through this one rule.
    public init?(hashText text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let kind = text[..<colon]
        let value = String(text[text.index(after: colon)...])
        switch kind {
        case "id":
            guard let id = Int64(value) else { return nil }
            self = .id(id)
        case "external_id": self = .externalID(value)
        case "email":
            guard let email = try? Email(parsing: value) else { return nil }
            self = .email(email)
        case "phone": self = .phone(Phone(stored: value))
        default: return nil
        }
    }
}
