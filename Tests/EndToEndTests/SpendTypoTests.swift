import Foundation
import Testing

/// `spend add vk_zma` beside a campaign `vk_zima` records the day (a new campaign may be meant) and names the likely
/// one with the way back, on stderr; a key that is known, or near nothing, says nothing more.
struct SpendTypoTests {
    @Test func aNewCampaignNearAKnownOneIsNamed() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["spend", "add", "vk_zima", "1500", "--date", "2026-12-01"])
            let typo = try ws.succeed(["spend", "add", "vk_zma", "1500", "--date", "2026-12-02"])
            #expect(typo.stdout == "Spend recorded: vk_zma 2026-12-02 1500.00 RUB\n", "\(typo)")
            #expect(
                typo.stderr.contains("note: 'vk_zma' is a new campaign; did you mean 'vk_zima'?")
                    && typo.stderr.contains("leadtrail spend add vk_zma 0 --date 2026-12-02"), "\(typo)")
            let known = try ws.succeed(["spend", "add", "vk_zima", "1500", "--date", "2026-12-02"])
            #expect(known.stderr.isEmpty, "\(known)")
            let far = try ws.succeed(["spend", "add", "yandex_brand", "700", "--date", "2026-12-02"])
            #expect(far.stderr.isEmpty, "\(far)")
        }
    }
}
