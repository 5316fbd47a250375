/// A stable 128-bit hash, as 32 hex digits, keying records that carry no `id` of their own.
///
/// Not cryptographic: it only has to make a double-fired identical click one touch.
/// The value is stored in databases, so it must never change between runs, versions or platforms; that is why it
/// is written out here (two independent 64-bit lanes over UTF-8) and not built on Swift's seeded `Hasher`.
public enum ContentHash {
    /// Hashes the parts in order; parts are separated so that ["ab", "c"] and ["a", "bc"] differ.
    ///
    /// Each part is followed by the byte 0xFF and a nil part is the byte 0xFE; neither occurs in UTF-8, so nil,
    /// `""` and any text stay distinct.
    public static func of(_ parts: [String?]) -> String {
        var lanes = Lanes()
        for part in parts {
            if let part {
                for byte in part.utf8 { lanes.add(byte) }
            } else {
                lanes.add(0xFE)
            }
            lanes.add(0xFF)
        }
        let (first, second) = lanes.finished
        return hex(first) + hex(second)
    }

    /// FNV-1a 64 in the first lane; a multiply-rotate lane with other constants in the second; both finished with
    /// the SplitMix64 avalanche and the byte count.
    private struct Lanes {
        var first: UInt64 = 0xCBF2_9CE4_8422_2325
        var second: UInt64 = 0x9E37_79B9_7F4A_7C15
        var count: UInt64 = 0

        mutating func add(_ byte: UInt8) {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second = (second &+ UInt64(byte) &+ 1) &* 0xFF51_AFD7_ED55_8CCD
            second = (second << 31) | (second >> 33)
            count &+= 1
        }

        var finished: (UInt64, UInt64) {
            (Lanes.mix(first ^ count), Lanes.mix(second ^ (count &* 0xC2B2_AE3D_27D4_EB4F)))
        }

        static func mix(_ value: UInt64) -> UInt64 {
            var z = value &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
