extension FormDelivery {
    /// Whether a Graph API lead object was made by Meta's Lead Ads Testing Tool (`<test lead: dummy data …>`
    /// answers): `import forms --preset meta-lead-ads` skips those, and so does `hook fetch-meta`.
    public static func isMetaTestLead(_ object: JSONObject) -> Bool {
        MetaLeadAdsPreset.isTestLead(object)
    }
}
