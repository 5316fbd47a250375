/// The generic fields a `--map` may name, per kind of import (SPEC "Import files").
enum MapTargets {
    static let byKind: [String: [String]] = [
        "clicks": ["at", "visitor", "url"] + FormPresetSupport.utmFields + ["click_id", "referrer", "id"],
        "forms": ["submitted_at", "email", "phone", "name", "form", "visitor", "page_url"] + FormPresetSupport.utmFields
            + ["fields", "id", "external_id"],
        "deals": [
            "id", "lead", "lead.id", "lead.external_id", "lead.email", "lead.phone", "amount", "currency", "created_at",
            "status", "closed_at", "refunded_amount", "refunded_at",
        ],
        "spend": [
            "date", "campaign", "amount", "currency", "platform", "impressions", "reach", "clicks", "engagements",
            "campaign_id",
        ],
    ]

    /// Whether the `--map` gives `field` to this record (a preset then need not find its own column for it: the
    /// map's value replaces the preset's reading).
    static func gives(_ field: String, in mapped: JSONObject, _ options: ImportOptions) -> Bool {
        options.map?.given(field, in: mapped) != nil
    }

    /// Refuses a `--map` naming a field that `kind` does not read.
    static func check(_ options: ImportOptions, kind: String) throws(ImportFileError) {
        try options.map?.check(targets: byKind[kind] ?? [], kind: kind)
    }
}
