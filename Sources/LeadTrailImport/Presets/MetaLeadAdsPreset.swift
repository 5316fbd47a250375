internal import LeadTrailCore

/// Meta Lead Ads lead objects from the Graph API (docs/presets.md §2).
///
/// `id` → id; `created_time` (`+0000` offsets accepted) → submitted_at; `field_data` → `full_name` (else
/// `first_name` + `last_name`) → name, `email`, `phone_number` → phone, other answers → `fields` (first value; all
/// values when there are several); `form_id`, `ad_id`, `adset_id`, `adset_name`, `campaign_id`, `is_organic` →
/// `fields` as well; the form is `form_name` when the record has one (the Leads Center CSV), else `form_id`. The touch: when the lead's `field_data` has no `utm_*` and the lead is not organic,
/// `utm_source` `facebook` (`fb`, and any other platform) or `instagram` (`ig`), `utm_medium` `paid_social`,
/// `utm_campaign` `campaign_name`, `utm_content` `ad_name`. An organic lead gets no UTM (its conversions are
/// unattributed). No visitor id exists.
enum MetaLeadAdsPreset {
    static let keptFields = ["form_id", "ad_id", "adset_id", "adset_name", "campaign_id", "is_organic"]

    /// A lead made by Meta's Lead Ads Testing Tool: its answers read `<test lead: dummy data for …>`.
    static func isTestLead(_ source: JSONObject) -> Bool {
        guard case .array(let items)? = source["field_data"] else { return false }
        for item in items {
            guard case .object(let answer) = item, case .array(let values)? = answer["values"] else { continue }
            for value in values where value.scalarText?.lowercased().hasPrefix("<test lead") == true { return true }
        }
        return false
    }

    static func genericObject(from source: JSONObject, options: ImportOptions) throws(RecordError) -> JSONObject? {
        var result = JSONObject()
        if let id = try source.text("id") { result.set("id", .string(id)) }
        if let created = source["created_time"] {
            result.set("submitted_at", created)
        } else if !MapTargets.gives("submitted_at", in: source, options) {
            throw .missing("created_time")
        }
        var answers: [(name: String, values: [JSONValue])] = []
        if let data = source["field_data"] {
            guard case .array(let items) = data else {
                throw RecordError.wrongType("field_data", expected: "an array of {name, values}", found: data)
            }
            for item in items {
                guard case .object(let answer) = item, let name = answer["name"]?.scalarText else {
                    throw RecordError(
                        field: "field_data", message: "expected each item to be {\"name\": …, \"values\": […]}")
                }
                switch answer["values"] {
                case .array(let values)?: answers.append((name, values))
                case .string(let text)?: answers.append((name, [.string(text)]))
                case nil, .null?: answers.append((name, []))
                case let other?:
                    throw RecordError.wrongType("field_data.\(name)", expected: "an array of values", found: other)
                }
            }
        }
        func first(_ name: String) -> String? {
            guard let answer = answers.first(where: { $0.name.lowercased() == name }) else { return nil }
            return answer.values.first.flatMap(FormPresetSupport.plainText)
        }
        if let full = first("full_name") {
            result.set("name", .string(full))
        } else {
            let parts = [first("first_name"), first("last_name")].compactMap { $0?.trimmingWhitespace() }
                .filter { !$0.isEmpty }
            if !parts.isEmpty { result.set("name", .string(parts.joined(separator: " "))) }
        }
        if let email = first("email") { result.set("email", .string(email)) }
        if let phone = first("phone_number") ?? first("phone") { result.set("phone", .string(phone)) }
        let standard: Set<String> = ["full_name", "first_name", "last_name", "email", "phone_number"]
        var fields = JSONObject()
        var leadUTM = false
        for (name, values) in answers where !standard.contains(name.lowercased()) {
            if FormPresetSupport.utmFields.contains(name.lowercased()) {
                if let value = values.first.flatMap(FormPresetSupport.plainText) {
                    result.set(name.lowercased(), .string(value))
                    leadUTM = true
                }
                continue
            }
            if values.count == 1 {
                fields.append(name, values[0])
            } else if values.count > 1 {
                fields.append(name, .array(values))
            }
        }
        for key in keptFields { if let value = source[key], value != .null { fields.append(key, value) } }
        let formID = try source.text("form_id")
        if let form = try source.text("form_name") ?? formID { result.set("form", .string(form)) }
        let explicit = FormPresetSupport.copyOverrides(from: source, into: &result)
        let organic = source["is_organic"] == .bool(true)
        if !leadUTM, !explicit, !organic {
            let platform = (try source.text("platform"))?.lowercased()
            result.set("utm_source", .string(platform == "ig" || platform == "instagram" ? "instagram" : "facebook"))
            result.set("utm_medium", .string("paid_social"))
            if let campaign = try source.text("campaign_name") { result.set("utm_campaign", .string(campaign)) }
            if let ad = try source.text("ad_name") { result.set("utm_content", .string(ad)) }
        }
        if !fields.isEmpty { result.set("fields", .object(fields)) }
        return result
    }
}
