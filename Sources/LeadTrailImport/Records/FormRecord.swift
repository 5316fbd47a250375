public import LeadTrailCore

/// One form submission from an `import forms` file, validated and normalised, ready for the store.
///
/// Generic fields: **`submitted_at`**, at least one of **`email`**/**`phone`**, `name`, `form`, `visitor`,
/// `page_url`, the five `utm_*`, `click_id`, `fields` (object), `id`. Unknown fields are ignored.
public struct FormRecord: Hashable, Sendable {
    /// `externalID`, else the content hash.
    public var key: String
    /// The record's `id`: the importing system's id for the lead.
    public var externalID: String?
    /// When the form was sent (`submitted_at`), in UTC.
    public var submittedAt: Timestamp
    /// The person's name as written, trimmed.
    public var name: String?
    /// The normalised email (trimmed, lowercased).
    public var email: Email?
    /// The normalised phone (E.164).
    public var phone: Phone?
    /// The form or source the request came from.
    public var form: String?
    /// Trimmed and case-sensitive; a numeric visitor is its decimal text.
    public var visitor: String?
    /// The page the form was on (`page_url`), trimmed.
    public var pageURL: String?
    /// Explicit `utm_*` fields over the page URL's, per field; empty is absent.
    public var utm: UTM
    /// The `click_id` field, else the page URL's click id.
    public var clickID: ClickID?
    /// Free-form fields, as given.
    public var fields: JSONObject?
    /// A hash of the normalised content, to tell a changed record from the same one imported again.
    public var contentHash: String

    /// Validates a generic-format form object.
    public init(generic object: JSONObject, options: ImportOptions) throws(RecordError) {
        submittedAt = try object.requiredTimestamp("submitted_at", timeZone: options.timeZone)
        name = try object.string("name")
        if let text = try object.text("email") {
            do { email = try Email(parsing: text) } catch { throw RecordError(field: "email", error) }
        }
        if let text = try object.text("phone") {
            do { phone = try Phone(parsing: text) } catch { throw RecordError(field: "phone", error) }
        }
        if email == nil && phone == nil {
            throw RecordError(message: "one of fields 'email' and 'phone' is required")
        }
        form = try object.string("form")
        pageURL = try object.string("page_url")
        let context = try MarketingContext(object: object, url: pageURL)
        utm = context.utm
        fields = try object.object("fields")
        if fields?.isEmpty == true { fields = nil }
        // A click id in a hidden form field (`yclid`, `gclid`, `fbclid`…, as landing pages pass them on) counts
        // when the page URL and `click_id` carry none, so a conversion export can name the click.
        clickID = context.clickID ?? FormRecord.fieldClickID(object, fields: fields)
        // Yandex Metrica's client id (`_ym_uid`, a hidden field or from the cookies) is the visitor Metrica's visit
        // log names, so the form joins those visits; it is kept in `fields` for conversion exports.
        let metricaClient = try object.text("_ym_uid") ?? fields?["_ym_uid"]?.scalarText?.trimmingWhitespace()
        visitor = try object.text("visitor") ?? metricaClient.flatMap { $0.isEmpty ? nil : $0 }
        if let metricaClient, !metricaClient.isEmpty, fields?["_ym_uid"] == nil {
            var kept = fields ?? JSONObject()
            kept.append("_ym_uid", .string(metricaClient))
            fields = kept
        }
        externalID = try object.text("id")
        let sortedFields = fields.map { fields in
            JSONObject(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }).jsonText
        }
        // A preset record without a time of its own takes the import's time; that time is not its content, or a
        // re-import of the same file would look like a change.
        let ownTime = submittedAt == options.importTime ? nil : String(submittedAt.microseconds)
        contentHash = ContentHash.of([
            "form", ownTime, name, email?.normalized, phone?.e164, form, visitor, pageURL,
            utm.source, utm.medium, utm.campaign, utm.content, utm.term, clickID?.parameter, clickID?.value,
            sortedFields,
        ])
        key = externalID ?? contentHash
        try refuseNulCharacters()
    }

    /// A NUL character in any text field is refused, naming it (``RecordError/refuseNulCharacters(in:)``): PostgreSQL
    /// failed the whole import on one, SQLite cut the value short. The free-form `fields` are kept as JSON text, where
    /// it is written `\u0000`.
    private func refuseNulCharacters() throws(RecordError) {
        try RecordError.refuseNulCharacters(in: [
            ("id", externalID), ("name", name), ("form", form), ("visitor", visitor), ("page_url", pageURL),
            ("utm_source", utm.source), ("utm_medium", utm.medium), ("utm_campaign", utm.campaign),
            ("utm_content", utm.content), ("utm_term", utm.term), ("click_id", clickID?.value),
        ])
    }

    /// The first click-id parameter found as a top-level field, else inside `fields`, with a non-empty value.
    static func fieldClickID(_ object: JSONObject, fields: JSONObject?) -> ClickID? {
        for source in [object, fields ?? JSONObject()] {
            for parameter in ClickID.parameters {
                if let value = source[parameter]?.scalarText?.trimmingWhitespace(), !value.isEmpty {
                    return ClickID(parameter: parameter, value: value)
                }
            }
        }
        return nil
    }

    /// `fields` as compact JSON text, for storage.
    public var fieldsJSON: String? { fields?.jsonText }
}
