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

    /// `Йога` typed with `Й` precomposed, and with `И` and a combining breve: Swift calls them equal, SQL and the
    /// same-session rule's keys compare bytes; the key is the composed bytes either way.
    @Test func keyComposesCanonicallyEqualSpellings() throws {
        let composed = "\u{0419}ога", decomposed = "\u{0418}\u{0306}ога"
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let expected = Array("\u{0439}ога".utf8)
        #expect(Array(try #require(Normalize.key(composed)).utf8) == expected)
        #expect(Array(try #require(Normalize.key(" " + decomposed)).utf8) == expected)
        #expect(Array(try #require(Normalize.key("и\u{0306}")).utf8) == Array("\u{0439}".utf8))
        // ASCII stays as it was, lowercased.
        #expect(Normalize.key("VK_Autumn") == "vk_autumn")
    }
}
