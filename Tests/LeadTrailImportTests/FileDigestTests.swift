import Foundation
import Testing

@testable import LeadTrailImport

/// The batch record's file fingerprint: the same bytes give the same value however the reads split them, and a
/// changed, added or removed byte anywhere gives another.
@Suite struct FileDigestTests {
    static let cases = ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap(Int.init) ?? 200

    private static func digest(_ bytes: [UInt8], splits: [Int]) -> UInt64 {
        var lanes = FileDigest.Lanes()
        var start = 0
        for split in splits.sorted() + [bytes.count] where split >= start {
            bytes[start..<split].withUnsafeBytes { lanes.add($0) }
            start = split
        }
        return lanes.value
    }

    @Test func theValueDependsOnTheBytesNotOnTheReads() {
        var random = SplitMix64(seed: 0x5EED_F11E)
        for number in 0..<Self.cases {
            let count = random.below(300)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let whole = Self.digest(bytes, splits: [])
            let splits = (0..<random.below(6)).map { _ in random.below(count + 1) }
            #expect(Self.digest(bytes, splits: splits) == whole, "case \(number): \(count) bytes split at \(splits)")
            guard count > 0 else { continue }
            var changed = bytes
            changed[random.below(count)] ^= UInt8(1 + random.below(255))
            #expect(Self.digest(changed, splits: splits) != whole, "case \(number): a changed byte")
            #expect(Self.digest(bytes + [0], splits: splits) != whole, "case \(number): a zero byte added")
            #expect(Self.digest(Array(bytes.dropLast()), splits: []) != whole, "case \(number): the last byte removed")
        }
    }

    @Test func aFileIsDigestedAsItsBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "digest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Larger than one read (1 MiB) and not a whole number of blocks.
        var random = SplitMix64(seed: 7)
        let bytes = (0..<((1 << 20) + 77)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let file = folder.appending(path: "clicks.ndjson")
        try Data(bytes).write(to: file)
        let hex = try FileDigest.of(file)
        #expect(hex.count == 16)
        #expect(UInt64(hex, radix: 16) == Self.digest(bytes, splits: [4096, 65_541]))
        try Data(bytes + [10]).write(to: file)
        #expect(try FileDigest.of(file) != hex)
    }
}
