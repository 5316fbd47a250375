internal import LeadTrailCore

/// The UTM values and click id of a record: explicit fields over the URL's, per field.
struct MarketingContext {
    var utm: UTM
    var clickID: ClickID?

    /// Reads `utm_*` and `click_id` from `object`, and fills what they leave absent from `url`.
    ///
    /// A `click_id` of the form `gclid=abc` (a known parameter name, `=` or `:`) keeps that name; a bare value takes
    /// the parameter of the URL's click id when the URL has one, else the parameter name `click_id`.
    init(object: JSONObject, url: String?) throws(RecordError) {
        let explicit = UTM(
            source: try object.text("utm_source"), medium: try object.text("utm_medium"),
            campaign: try object.text("utm_campaign"), content: try object.text("utm_content"),
            term: try object.text("utm_term"))
        let tracked = url.map(TrackedURL.init(parsing:))
        utm = (tracked?.utm ?? UTM()).overridden(by: explicit)
        if let raw = try object.text("click_id") {
            clickID = MarketingContext.clickID(raw, urlClickID: tracked?.clickID)
        } else {
            clickID = tracked?.clickID
        }
    }

    static func clickID(_ raw: String, urlClickID: ClickID?) -> ClickID {
        if let separator = raw.firstIndex(where: { $0 == "=" || $0 == ":" }) {
            let name = String(raw[..<separator]).trimmingWhitespace().lowercased()
            let value = String(raw[raw.index(after: separator)...]).trimmingWhitespace()
            if ClickID.parameters.contains(name), !value.isEmpty { return ClickID(parameter: name, value: value) }
        }
        return ClickID(parameter: urlClickID?.parameter ?? "click_id", value: raw)
    }
}
