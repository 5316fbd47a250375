#if Server
import Foundation
import HTTPTypes
import Hummingbird
import LeadTrailImport

/// What a request body's `Content-Type` says it is, against what a route reads.
enum BodyType {
    /// Tilda's body type.
    static let form = "application/x-www-form-urlencoded"

    /// A refused body, as the answer to send.
    struct Refusal: Error {
        let response: Response
    }

    /// The media type of the request's `Content-Type`, lowercased and without parameters; nil without one.
    static func mediaType(_ request: Request) -> String? {
        guard let header = request.headers[.contentType] else { return nil }
        let type = header.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let trimmed = type.trimmingCharacters(in: .whitespaces).lowercased()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Whether a body of this type may be JSON: `application/json` or `…+json`, `text/plain` (a page's `fetch` or
    /// `sendBeacon` without a CORS preflight) or none at all.
    static func mayBeJSON(_ type: String?) -> Bool {
        guard let type else { return true }
        return type == "application/json" || type == "text/json" || type == "text/plain"
            || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    /// The body as `import forms` reads a JSON record (``FormDelivery/object(json:)``); else 400 with the reader's
    /// reason, or 415 naming the type expected when the `Content-Type` says it is something else (a form) and the
    /// body does not even start as JSON (`phone=…`). A form type over a JSON body is read (`curl -d '{…}'` sends
    /// one), and one that starts as JSON but breaks is 400 with the reader's reason.
    static func jsonObject(_ body: [UInt8], _ request: Request) -> Result<JSONObject, Refusal> {
        let type = mediaType(request)
        if type == "multipart/form-data" { return .failure(notJSON(type)) }
        do {
            return .success(try FormDelivery.object(json: body))
        } catch {
            // A broken object under a form's type is broken JSON (400, where); `phone=…` is a form (415).
            let first = body.first { ![0x20, 0x09, 0x0D, 0x0A, 0xEF, 0xBB, 0xBF].contains($0) }
            let looksLikeJSON = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
            if !mayBeJSON(type), !looksLikeJSON { return .failure(notJSON(type)) }
            return .failure(Refusal(response: text("\(error)\n", status: .badRequest)))
        }
    }

    private static func notJSON(_ type: String?) -> Refusal {
        Refusal(
            response: text(
                "this endpoint takes one JSON object (application/json), not \(type ?? "this body")\n",
                status: .unsupportedMediaType))
    }
}
#endif
