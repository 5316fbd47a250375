import Foundation
import Testing

@testable import LeadTrailReports

/// Issue 14: the summary's labels are cut by how wide they are drawn, not by how many characters they have.
@Suite struct TextWidthTests {
    @Test func widthsAreTheFontsNotTheCharacterCount() {
        // DejaVu Sans (bold where wider): `i` 343, `w` 924, `ш` over 900 thousandths of an em.
        #expect(TextWidth.of("i", fontSize: 10) < 4)
        #expect(TextWidth.of("w", fontSize: 10) > 9)
        #expect(TextWidth.of("ш", fontSize: 10) > 9)
        #expect(TextWidth.of("iiiii", fontSize: 12) < TextWidth.of("www", fontSize: 12))
        // A combining breve adds nothing: `й` written as `и` + U+0306 is as wide as `и`.
        #expect(TextWidth.of("и\u{0306}", fontSize: 12) == TextWidth.of("и", fontSize: 12))
        // A character the tables lack is taken wide: a CJK letter or an emoji counts 1.5 em.
        #expect(TextWidth.of("中", fontSize: 10) == 15)
        #expect(TextWidth.of("🚀", fontSize: 10) == 15)
    }

    @Test func aLabelThatFitsIsNotCut() {
        #expect(TextWidth.cut("vk_retarget", toFit: 196, fontSize: 12) == nil)
        #expect(TextWidth.cut("", toFit: 196, fontSize: 12) == nil)
        #expect(TextWidth.cut("осень", toFit: 196, fontSize: 12) == nil)
    }

    /// 25 `w`s are under the old limit of 28 characters yet about 280 units wide at 12: cut to fit, with `…`.
    @Test func wideLettersAreCutEvenWhenFew() throws {
        let name = String(repeating: "w", count: 25)
        let cut = try #require(TextWidth.cut(name, toFit: 196, fontSize: 12))
        #expect(cut.hasSuffix("…"))
        #expect(cut.count < 25)
        #expect(TextWidth.of(cut, fontSize: 12) <= 196)
        // As long as it can be: one more letter would not fit.
        let longer = String(cut.dropLast()) + "w…"
        #expect(TextWidth.of(longer, fontSize: 12) > 196)
        let cyrillic = "осенняя_распродажа_курсов_по_интернет_маркетингу"
        let cutCyrillic = try #require(TextWidth.cut(cyrillic, toFit: 196, fontSize: 12))
        #expect(cyrillic.hasPrefix(cutCyrillic.dropLast()))
        #expect(TextWidth.of(cutCyrillic, fontSize: 12) <= 196)
    }

    /// Property: whatever the text (Latin, Cyrillic, CJK, emoji, combining marks, spaces), a cut is a prefix of it
    /// followed by `…`, never wider than the room, and nothing is cut that fits. `LEADTRAIL_PROPERTY_CASES` sets the
    /// number of cases (default 2 000).
    @Test func aCutIsAPrefixThatFits() {
        let cases =
            ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap { Int($0) }
            .map { max($0, 1) } ?? 2_000
        let alphabet: [String] = ["a", "W", "i", "_", " ", "ш", "Ж", "ю", "и\u{0306}", "中", "🚀", "é", "1", "…", "—"]
        let seed: UInt64 = 0x5EED_0014
        var random = SplitMix64(seed: seed)
        for index in 0..<cases {
            let text = (0..<random.int(0...60)).map { _ in random.pick(alphabet) }.joined()
            let room = Double(random.int(20...300))
            let size = Double(random.int(8...16))
            let context = "seed \(seed), case \(index): \(text.debugDescription), room \(room), size \(size)"
            guard let cut = TextWidth.cut(text, toFit: room, fontSize: size) else {
                #expect(TextWidth.of(text, fontSize: size) <= room, "\(context)")
                continue
            }
            #expect(TextWidth.of(text, fontSize: size) > room, "cut though it fits: \(context)")
            #expect(cut.hasSuffix("…") && text.hasPrefix(cut.dropLast()), "\(cut.debugDescription): \(context)")
            #expect(TextWidth.of(cut, fontSize: size) <= room + 1e-9, "\(cut.debugDescription): \(context)")
        }
    }
}
