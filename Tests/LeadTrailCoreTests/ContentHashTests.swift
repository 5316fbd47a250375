import Testing

@testable import LeadTrailCore

struct ContentHashTests {
    @Test func isStableAcrossRuns() {
        // Pinned: stored hashes must never change.
        #expect(ContentHash.of(["2026-10-01T09:30:00Z", "visitor-1", nil]) == Self.pinned)
        #expect(ContentHash.of([]) == "c3817c016ba4ff306e789e6aa1b965f4")
        #expect(ContentHash.of(["зима"]) == "0594c0f91d0a84c4ef6416987c791083")
    }

    static let pinned = "ce495be1180b9e2708be3439dcdae200"

    @Test func separatesParts() {
        #expect(ContentHash.of(["ab", "c"]) != ContentHash.of(["a", "bc"]))
        #expect(ContentHash.of([nil]) != ContentHash.of([""]))
        #expect(ContentHash.of(["", nil]) != ContentHash.of([nil, ""]))
        #expect(ContentHash.of(["a"]) != ContentHash.of(["a", nil]))
    }

    @Test func isThirtyTwoLowercaseHexDigits() {
        let hash = ContentHash.of(["зима", "vk"])
        #expect(hash.count == 32)
        #expect(hash.allSatisfy { "0123456789abcdef".contains($0) })
    }
}
