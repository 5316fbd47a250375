import Crypto

/// What the same-session rule compares of a touch (``SessionRule/values(_:)``), as 128 bits: the first half of the
/// SHA-256 of the five normalised values. Two touches have one key exactly when they have the same values (two
/// different sets of values sharing a key would take about 2⁶⁴ tries to find, and a rule's comparisons are a few
/// touches of one visitor in 30 minutes).
///
/// A store keeps the keys of the touches the rule may compare beside the touches (SQLite's `visitor_path`), so a
/// report compares two integers instead of reading two rows of the touch table.
public struct SessionKey: Hashable, Sendable {
    public var high: UInt64
    public var low: UInt64

    @inlinable
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The key of a touch's five raw UTM values (source, medium, campaign, content, term), normalised first.
    public init(utm raw: [String?]) {
        var bytes: [UInt8] = []
        for value in SessionRule.values(raw) {
            // Absent is 0; present is 1, then its length and its bytes: no two lists of values give one text.
            guard let value else {
                bytes.append(0)
                continue
            }
            bytes.append(1)
            withUnsafeBytes(of: UInt64(value.utf8.count).littleEndian) { bytes += $0 }
            bytes += value.utf8
        }
        let digest = Array(SHA256.hash(data: bytes))
        func word(_ start: Int) -> UInt64 {
            digest[start..<start + 8].reduce(0) { $0 << 8 | UInt64($1) }
        }
        self.init(high: word(0), low: word(8))
    }
}
