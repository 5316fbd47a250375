internal import LeadTrailCore

/// What every form preset shares.
enum FormPresetSupport {
    static let utmFields = ["utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"]

    /// The import time as RFC 3339 text, for records that carry no time.
    static func importTime(_ options: ImportOptions) -> JSONValue { .string(options.importTime.rfc3339) }

    /// Copies present, non-empty `utm_*` and `visitor` members of the source (its own or a `--map`'s) into `target`.
    static func copyOverrides(from source: JSONObject, into target: inout JSONObject) -> Bool {
        var hadUTM = false
        for field in utmFields + ["visitor"] {
            if let value = source[field], let text = value.scalarText, !text.trimmingWhitespace().isEmpty {
                target.set(field, value)
                if field != "visitor" { hadUTM = true }
            }
        }
        return hadUTM
    }

    /// A value that may be a string or a number, or any JSON (stringified for `fields`).
    static func plainText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text), .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null: nil
        case .array, .object: value.jsonText
        }
    }
}
