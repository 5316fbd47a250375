internal import Crypto
internal import Foundation

/// Meta's normalisation of contacts before hashing, and the SHA-256 it asks for.
///
/// Meta matches `em` and `ph` only when both sides normalise the same way: an email trimmed and lower-cased; a phone
/// as digits only, with its country code and without `+` or leading zeros. The hash is the lower-case hex SHA-256 of
/// the normalised text's UTF-8 bytes (a Cyrillic domain is hashed as written, not as punycode).
public enum ContactHash {
    /// `" Anna@Example.COM "` → `anna@example.com`.
    public static func normalizedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// `+7 916 123-45-67` → `79161234567` (a stored phone is E.164 already; this keeps its digits).
    public static func normalizedPhone(_ phone: String) -> String {
        var digits = String(phone.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
        while digits.hasPrefix("0") { digits.removeFirst() }
        return digits
    }

    /// The lower-case hex SHA-256 of `text`'s UTF-8 bytes.
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Meta's `em`: the hash of the normalised email.
    public static func email(_ email: String) -> String { sha256(normalizedEmail(email)) }

    /// Meta's `ph`: the hash of the phone's digits.
    public static func phone(_ phone: String) -> String { sha256(normalizedPhone(phone)) }
}
