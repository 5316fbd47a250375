import Testing

@testable import LeadTrailCore

/// The campaign a typed key most likely meant (`spend add vk_zma` beside `vk_zima`).
struct NearestKeyTests {
    @Test(arguments: [
        ("vk_zma", ["vk_zima", "yandex_brand"], "vk_zima"),
        ("vk_ziam", ["vk_zima"], "vk_zima"),
        ("autumn_sal", ["autumn_sale", "autumn"], "autumn_sale"),
        ("весна_20266", ["весна_2026"], "весна_2026"),
        ("vk_zima", ["vk_zima", "vk_zma"], nil),
        ("brand", ["yandex_brand"], nil),
        ("vk_1", ["vk_2"], nil),
        ("summer_sale", ["winter_sale"], nil),
    ] as [(String, [String], String?)])
    func suggestsAKnownKeyWithinTwoEdits(typed: String, known: [String], expected: String?) {
        #expect(NearestKey.suggestion(for: typed, among: known) == expected)
    }

    @Test func theClosestWinsThenTheFirstInOrder() {
        #expect(NearestKey.suggestion(for: "promo_a", among: ["promo_bb", "promo_b", "promo_c"]) == "promo_b")
        #expect(NearestKey.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(NearestKey.editDistance(Array(""), Array("abc")) == 3)
    }
}
