import Testing

@testable import LeadTrailCore

/// The campaign a typed key most likely meant (`spend add vk_zma` beside `vk_zima`).
struct NearestKeyTests {
    @Test(arguments: [
        ("vk_zma", ["vk_zima", "yandex_brand"], "vk_zima"),
        ("vk_ziam", ["vk_zima"], "vk_zima"),
        ("autumn_sal", ["autumn_sale", "autumn"], "autumn_sale"),
        ("весна_акцяи", ["весна_акция"], "весна_акция"),
        ("sale_2025", ["sale_2026"], nil),
        ("vk_zima", ["vk_zima", "vk_zma"], nil),
        ("brand", ["yandex_brand"], nil),
        ("vk_1", ["vk_2"], nil),
        ("summer_sale", ["winter_sale"], nil),
    ] as [(String, [String], String?)])
    func suggestsAKnownKeyWithinTwoEdits(typed: String, known: [String], expected: String?) {
        #expect(NearestKey.suggestion(for: typed, among: known) == expected)
    }

    @Test func theClosestWinsThenTheFirstInOrder() {
        #expect(NearestKey.suggestion(for: "promo_aa", among: ["promo_abc", "promo_ab", "promo_ac"]) == "promo_ab")
        #expect(NearestKey.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(NearestKey.editDistance(Array(""), Array("abc")) == 3)
        #expect(NearestKey.editDistance(Array("vk_ziam"), Array("vk_zima")) == 1)
    }
}
