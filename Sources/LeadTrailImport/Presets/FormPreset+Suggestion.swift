/// Which preset reads a platform's own record that was given to the generic format.
extension FormPreset {
    /// The platform's name for messages.
    var displayName: String {
        switch self {
        case .generic: "the generic format"
        case .tilda: "a Tilda form webhook"
        case .metaLeadAds: "a Meta Lead Ads lead"
        case .vkLeadForms: "a VK lead form callback"
        }
    }

    /// The preset whose telltale keys the object has (`field_data`, `tranid`/`formid`/`COOKIES`,
    /// `lead_forms_new`/`lead_id`, Tilda's `{"test": "test"}` probe), or nil.
    static func suggested(for object: JSONObject) -> FormPreset? {
        if object["field_data"] != nil { return .metaLeadAds }
        if object["type"]?.scalarText == "lead_forms_new" || object["lead_id"] != nil { return .vkLeadForms }
        if object["tranid"] != nil || object["formid"] != nil || object["COOKIES"] != nil { return .tilda }
        if object.count == 1, object["test"] == .string("test") { return .tilda }  // Tilda's connection probe
        return nil
    }
}
