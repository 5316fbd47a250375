import Testing

@testable import LeadTrailCore

struct NormalizeTests {
    @Test(arguments: [
        (" abc ", "abc"),
        ("\u{00A0}abc\u{202F}", "abc"),
        ("\t\nabc\r\n", "abc"),
        ("\u{FEFF}abc", "abc"),
        ("\u{2003}a b\u{3000}", "a b"),
        ("abc", "abc"),
        ("   ", ""),
        ("", ""),
    ])
    func trimsUnicodeWhitespace(_ input: String, _ expected: String) {
        #expect(input.trimmingWhitespace() == expected)
    }

    @Test func keyLowercasesUnicodeAndDropsEmpty() {
        #expect(Normalize.key("  Зима ") == "зима")
        #expect(Normalize.key("Winter_Sale") == "winter_sale")
        #expect(Normalize.key(" \u{00A0} ") == nil)
        #expect(Normalize.key(nil) == nil)
    }
}
