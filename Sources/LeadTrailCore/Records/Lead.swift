/// A person who asked: from a form, a lead ad, a call or a direct message.
public struct Lead: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var createdAt: Timestamp
    public var name: String?
    public var email: Email?
    public var phone: Phone?
    /// The form or source the request came from: "Заявка на курс", "phone call".
    public var form: String?
    public var source: String?
    /// The sales rep who owns the lead.
    public var owner: String?
    public var stage: Stage
    /// The id the importing system gave the lead (Tilda `tranid`, Meta lead id).
    public var externalID: String?
    /// Free-form fields as a JSON object text.
    public var fieldsJSON: String?
    /// Set when `lead forget` erased the person's data.
    public var forgottenAt: Timestamp?

    public init(
        id: Int64, createdAt: Timestamp, name: String? = nil, email: Email? = nil, phone: Phone? = nil,
        form: String? = nil, source: String? = nil, owner: String? = nil, stage: Stage = .new,
        externalID: String? = nil, fieldsJSON: String? = nil, forgottenAt: Timestamp? = nil
    ) {
        self.id = id
        self.createdAt = createdAt
        self.name = name
        self.email = email
        self.phone = phone
        self.form = form
        self.source = source
        self.owner = owner
        self.stage = stage
        self.externalID = externalID
        self.fieldsJSON = fieldsJSON
        self.forgottenAt = forgottenAt
    }
}
