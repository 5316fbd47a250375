internal import LeadTrailCore

/// VK lead-form Callback API events `lead_forms_new` (docs/presets.md §3).
///
/// `id` = `vk:<group_id>:<lead_id>`; no time → the import time; name = `first_name` [+ `patronymic_name`]
/// [+ `last_name`]; `phone_number` → phone; `email`; `form_name` → form; other answers (by `key`), `user_id`,
/// `form_id`, `ad_id` → `fields`. No visitor. VK sends no UTM, so the touch is `utm_source` `vk`, `utm_medium`
/// `paid_social` when `ad_id` is non-zero (else `social`), `utm_campaign` the form name, `utm_content` the `ad_id`
/// — unless the source (or a `--map`) carries `utm_*` itself. Other event types (`confirmation`) are skipped. A
/// bare `object` (no envelope) is read too.
enum VKLeadFormsPreset {
    static func genericObject(from source: JSONObject, options: ImportOptions) throws(RecordError) -> JSONObject? {
        let lead: JSONObject
        if let type = try source.text("type") {
            guard type == "lead_forms_new" else { return nil }
            guard let object = try source.object("object") else { throw .missing("object") }
            lead = object
        } else if source["lead_id"] != nil {
            lead = source
        } else if let object = try source.object("object") {
            lead = object
        } else {
            throw RecordError(message: "not a VK lead_forms_new event (expected \"type\" and \"object\")")
        }
        var result = JSONObject()
        if let leadID = try lead.text("lead_id") {
            var group = try lead.text("group_id")
            if group == nil { group = try source.text("group_id") }
            result.set("id", .string("vk:" + (group.map { $0 + ":" } ?? "") + leadID))
        } else if !MapTargets.gives("id", in: source, options) {
            throw .missing("object.lead_id")
        }
        result.set("submitted_at", FormPresetSupport.importTime(options))
        var answers: [(key: String, answer: JSONValue)] = []
        if let value = lead["answers"] {
            guard case .array(let items) = value else {
                throw RecordError.wrongType(
                    "object.answers", expected: "an array of {key, question, answer}", found: value)
            }
            for item in items {
                guard case .object(let answer) = item, let key = answer["key"]?.scalarText else {
                    throw RecordError(
                        field: "object.answers", message: "expected each item to be {\"key\": …, \"answer\": …}")
                }
                answers.append((key, answer["answer"] ?? .null))
            }
        }
        func answer(_ key: String) -> String? {
            guard let found = answers.first(where: { $0.key == key }),
                let text = FormPresetSupport.plainText(found.answer)?.trimmingWhitespace(), !text.isEmpty
            else { return nil }
            return text
        }
        let nameParts = [answer("first_name"), answer("patronymic_name"), answer("last_name")].compactMap { $0 }
        if !nameParts.isEmpty { result.set("name", .string(nameParts.joined(separator: " "))) }
        if let phone = answer("phone_number") { result.set("phone", .string(phone)) }
        if let email = answer("email") { result.set("email", .string(email)) }
        let formName = try lead.text("form_name")
        let formID = try lead.text("form_id")
        if let form = formName ?? formID { result.set("form", .string(form)) }
        var fields = JSONObject()
        let standard: Set<String> = ["first_name", "patronymic_name", "last_name", "phone_number", "email"]
        for (key, value) in answers where !standard.contains(key) {
            if let text = FormPresetSupport.plainText(value) { fields.append(key, .string(text)) }
        }
        for key in ["user_id", "form_id", "ad_id"] {
            if let value = lead[key], value != .null { fields.append(key, value) }
        }
        if !fields.isEmpty { result.set("fields", .object(fields)) }
        if !FormPresetSupport.copyOverrides(from: source, into: &result) {
            let adID = try lead.text("ad_id")
            let paid = adID != nil && adID != "0"
            result.set("utm_source", .string("vk"))
            result.set("utm_medium", .string(paid ? "paid_social" : "social"))
            if let formName { result.set("utm_campaign", .string(formName)) }
            if paid, let adID { result.set("utm_content", .string(adID)) }
        }
        return result
    }
}
