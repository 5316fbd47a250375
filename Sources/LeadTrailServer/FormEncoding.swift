#if Server
import Foundation
import LeadTrailCore
import LeadTrailImport

/// `application/x-www-form-urlencoded` bodies (Tilda's webhooks).
///
/// The text is UTF-8 unless the `Content-Type` declares `charset=windows-1251` (or another spelling `import`'s
/// `--encoding` takes): bytes that are not valid text in that encoding, raw or percent-encoded, refuse the whole
/// submission naming the field, as `import forms` refuses such a line; they are never replaced by U+FFFD.
enum FormEncoding {
    /// A body that cannot be read as text: answered 422 (or 415 for a charset we cannot read), nothing written.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
        let unsupportedCharset: Bool
    }

    /// The pairs of a form-encoded body as a JSON object of strings, in order (`+` is a space).
    static func object(_ body: [UInt8], contentType: String?) throws(Refusal) -> JSONObject {
        let encoding = try Self.encoding(contentType)
        var object = JSONObject()
        var number = 0
        for pair in body.split(separator: UInt8(ascii: "&")) where !pair.isEmpty {
            number += 1
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = encoding.text(PercentDecoding.bytes(parts[0])) else {
                throw Refusal(
                    description: "the name of field \(number) \(notText(encoding))", unsupportedCharset: false)
            }
            guard let value = parts.count > 1 ? encoding.text(PercentDecoding.bytes(parts[1])) : "" else {
                throw Refusal(description: "field '\(name)' \(notText(encoding))", unsupportedCharset: false)
            }
            guard !name.isEmpty else { continue }
            object.addFormField(name, value)
        }
        return object
    }

    /// The encoding the `Content-Type`'s `charset` names; UTF-8 without one.
    static func encoding(_ contentType: String?) throws(Refusal) -> TextEncoding {
        guard let contentType else { return .utf8 }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let quotesAndSpaces = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\""))
            let name = pair[1].trimmingCharacters(in: quotesAndSpaces)
            guard let encoding = TextEncoding(name: name) else {
                throw Refusal(
                    description: "charset '\(name.prefix(40))' is not supported: send utf-8 or windows-1251",
                    unsupportedCharset: true)
            }
            return encoding
        }
        return .utf8
    }

    private static func notText(_ encoding: TextEncoding) -> String {
        switch encoding {
        case .utf8:
            "is not UTF-8 text; a form that sends Windows-1251 must say so: "
                + "Content-Type: application/x-www-form-urlencoded; charset=windows-1251"
        case .windows1251: "is not Windows-1251 text (byte 0x98)"
        }
    }
}
#endif
