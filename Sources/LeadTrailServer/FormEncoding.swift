#if Server
import Foundation
import LeadTrailImport

/// `application/x-www-form-urlencoded` bodies (Tilda's webhooks).
enum FormEncoding {
    /// The pairs of a form-encoded body as a JSON object of strings, in order (`+` is a space).
    static func object(_ body: [UInt8]) -> JSONObject {
        var object = JSONObject()
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            guard !name.isEmpty else { continue }
            object.set(name, .string(value))
        }
        return object
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
#endif
