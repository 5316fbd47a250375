internal import LeadTrailCore

/// How an `import forms` file is laid out: LeadTrail's generic fields or a platform's own export.
public enum FormPreset: String, CaseIterable, Hashable, Sendable {
    /// The generic format of the SPEC's "Import files".
    case generic
    /// Tilda form webhooks (`Name`, `Phone`, `Email`, `tranid`, `formid`, `COOKIES`, utm fields).
    case tilda
    /// Meta Lead Ads lead objects (`id`, `created_time`, `field_data`, `campaign_name`, `platform`…), as an array,
    /// NDJSON or Graph API pages `{"data": […]}`.
    case metaLeadAds = "meta-lead-ads"
    /// VK lead-form Callback API events (`{"type": "lead_forms_new", "object": {…}}`).
    case vkLeadForms = "vk-lead-forms"

    /// The generic form object for one source object, or nil when the object is not a lead at all (Tilda's
    /// `{"test": "test"}` ping, a VK callback of another type); such objects are not counted as records.
    public func genericObject(from object: JSONObject, options: ImportOptions) throws(RecordError) -> JSONObject? {
        switch self {
        case .generic: object
        case .tilda: try TildaPreset.genericObject(from: object, options: options)
        case .metaLeadAds: try MetaLeadAdsPreset.genericObject(from: object, options: options)
        case .vkLeadForms: try VKLeadFormsPreset.genericObject(from: object, options: options)
        }
    }
}
