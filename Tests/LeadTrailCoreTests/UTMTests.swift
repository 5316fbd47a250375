import Testing

@testable import LeadTrailCore

struct UTMTests {
    @Test func explicitValuesWinPerField() {
        let fromURL = UTM(source: "vk", medium: "cpc", campaign: "winter")
        let explicit = UTM(source: "Telegram", medium: "  ", campaign: nil, content: "ad7")
        let merged = fromURL.overridden(by: explicit)
        #expect(merged == UTM(source: "Telegram", medium: "cpc", campaign: "winter", content: "ad7"))
    }

    @Test func normalizedTrimsLowercasesAndDropsEmpty() {
        let utm = UTM(source: " VK ", medium: "\u{00A0}CPC", campaign: "ЗИМА", content: "", term: "   ")
        #expect(utm.normalized == UTM(source: "vk", medium: "cpc", campaign: "зима"))
    }

    @Test func isEmptyIgnoresBlankValues() {
        #expect(UTM().isEmpty)
        #expect(UTM(source: " ", term: "").isEmpty)
        #expect(!UTM(term: "boots").isEmpty)
    }
}
