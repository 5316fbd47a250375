#if Server
import Crypto
import Foundation

/// Random secrets, their SHA-256, constant-time comparison and HMAC checks.
public enum Secrets {
    /// 32 random bytes as URL-safe text (lowercase hex, 64 characters).
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in hex(UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// A new visitor id: 16 random bytes as 32 lowercase hex characters.
    static func newVisitor() -> String {
        // Every click makes one or two of these: two random words written as hex, no string per byte.
        var generator = SystemRandomNumberGenerator()
        let words = (generator.next() as UInt64, generator.next() as UInt64)
        return String(unsafeUninitializedCapacity: 32) { buffer in
            let digits: StaticString = "0123456789abcdef"
            for (offset, word) in [words.0, words.1].enumerated() {
                for nibble in 0..<16 {
                    let value = Int((word >> UInt64(60 - 4 * nibble)) & 0xF)
                    buffer[offset * 16 + nibble] = digits.utf8Start[value]
                }
            }
            return 32
        }
    }

    /// Lowercase hex SHA-256 of the text's UTF-8.
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map(hex).joined()
    }

    /// Whether two strings are equal, in time that depends only on their lengths.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }

    /// Whether `header` (`sha256=<hex>`) is the HMAC-SHA256 of `body` under `key`.
    static func validSignature(_ header: String?, body: [UInt8], key: String) -> Bool {
        // An empty key is one anyone can sign with.
        guard let header, header.hasPrefix("sha256="), !key.isEmpty else { return false }
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(key.utf8)))
        let expected = "sha256=" + mac.map(hex).joined()
        return constantTimeEqual(expected, header.lowercased())
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
#endif
