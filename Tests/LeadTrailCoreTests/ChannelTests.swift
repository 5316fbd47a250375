import Testing

@testable import LeadTrailCore

struct ChannelTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var rule: Int
        var source: String? = nil
        var medium: String? = nil
        var campaign: String? = nil
        var referrer: String? = nil
        var clickID: String? = nil
        var expected: Channel
        var testDescription: String {
            "rule \(rule): \(source ?? "-") / \(medium ?? "-") ref \(referrer ?? "-") click \(clickID ?? "-")"
        }
    }

    static let cases: [Case] = [
        // Rule 0: nothing at all.
        Case(rule: 0, expected: .direct),
        Case(rule: 0, source: "  ", medium: "", referrer: " ", expected: .direct),
        Case(rule: 0, clickID: "gclid", expected: .paidSearch),
        Case(rule: 0, clickID: "yclid", expected: .paidSearch),
        Case(rule: 0, clickID: "fbclid", expected: .direct),
        // Rule 1: the referrer stands in for source/medium only when neither is given.
        Case(rule: 1, source: "partner", referrer: "https://www.google.com/", expected: .other),
        Case(rule: 1, campaign: "winter", referrer: "https://www.google.com/", expected: .organicSearch),
        // Rule 2.
        Case(rule: 2, source: "yandex", medium: "cpc", expected: .paidSearch),
        Case(rule: 2, source: "google", medium: "cpm", expected: .paidSearch),
        Case(rule: 2, source: "Google", medium: "PPC", expected: .paidSearch),
        Case(rule: 2, source: "ya.ru", medium: "paid", expected: .paidSearch),
        Case(rule: 2, source: "vk", medium: "target", expected: .paidSocial),
        Case(rule: 2, source: "VK", medium: "targeting", expected: .paidSocial),
        Case(rule: 2, source: "instagram", medium: "paid_social", expected: .paidSocial),
        Case(rule: 2, source: "facebook", medium: "retargeting", expected: .paidSocial),
        Case(rule: 2, source: "m.vk.com", medium: "cpc", expected: .paidSocial),
        // Rule 3.
        Case(rule: 3, source: "site", medium: "display", expected: .display),
        Case(rule: 3, source: "mybank", medium: "cpm", expected: .display),
        Case(rule: 3, source: "partner", medium: "banner", expected: .display),
        Case(rule: 3, medium: "interstitial", expected: .display),
        // Rule 4.
        Case(rule: 4, source: "mybank", medium: "cpc", expected: .other),
        Case(rule: 4, source: "avito", medium: "cpa", expected: .other),
        // Rule 5.
        Case(rule: 5, source: "vk", medium: "social", expected: .organicSocial),
        Case(rule: 5, source: "telegram", medium: "post", expected: .organicSocial),
        Case(rule: 5, source: "blog", medium: "social network", expected: .organicSocial),
        Case(rule: 5, source: "blog", medium: "sm", expected: .organicSocial),
        Case(rule: 5, referrer: "https://t.me/somechannel", expected: .organicSocial),
        Case(rule: 5, referrer: "m.vk.com", expected: .organicSocial),
        Case(rule: 5, referrer: "https://l.instagram.com/?u=x", expected: .organicSocial),
        // Rule 6.
        Case(rule: 6, referrer: "www.google.com", expected: .organicSearch),
        Case(rule: 6, referrer: "https://www.google.co.uk/", expected: .organicSearch),
        Case(rule: 6, referrer: "google.co.uk", expected: .organicSearch),
        Case(rule: 6, referrer: "https://yandex.ru/search/?text=boots", expected: .organicSearch),
        Case(rule: 6, referrer: "https://go.mail.ru/search", expected: .organicSearch),
        Case(rule: 6, source: "newsletter", medium: "organic", expected: .organicSearch),
        Case(rule: 6, source: "bing", expected: .organicSearch),
        // Rule 7.
        Case(rule: 7, referrer: "partner.ru", expected: .referral),
        Case(rule: 7, referrer: "https://www.partner.ru:8080/page?x=1", expected: .referral),
        Case(rule: 7, referrer: "https://google.example.com/", expected: .referral),
        Case(rule: 7, source: "partner", medium: "link", expected: .referral),
        Case(rule: 7, source: "partner", medium: "app", expected: .referral),
        // Rule 8.
        Case(rule: 8, source: "newsletter", medium: "email", expected: .email),
        Case(rule: 8, source: "e-mail", medium: "digest", expected: .email),
        Case(rule: 8, source: "news", medium: "E_Mail", expected: .email),
        // Rule 9.
        Case(rule: 9, campaign: "winter", expected: .other),
        Case(rule: 9, source: "offline", medium: "flyer", expected: .other),
    ]

    @Test(arguments: cases)
    func classifies(_ testCase: Case) {
        let utm = UTM(source: testCase.source, medium: testCase.medium, campaign: testCase.campaign)
        let click = testCase.clickID.map { ClickID(parameter: $0, value: "x1") }
        #expect(Channel.classify(utm: utm, referrer: testCase.referrer, clickID: click) == testCase.expected)
    }

    @Test func everyRuleIsCovered() {
        #expect(Set(Self.cases.map(\.rule)) == Set(0...9))
    }

    @Test(arguments: [
        ("cpc", true), ("cpm", true), ("cpa", true), ("ppc", true), ("retargeting", true), ("paid", true),
        ("paid_social", true), ("target", true), ("targeting", true), ("social", false), ("organic", false),
        ("email", false), ("pppc", false),
    ])
    func paidMediumPattern(_ medium: String, _ paid: Bool) {
        #expect(Channel.isPaidMedium(medium) == paid)
    }

    @Test(arguments: [
        ("vk", Platform.vk), ("vk.com", .vk), ("VK_ads", .vk), ("instagram", .instagram), ("t.me", .telegram),
        ("tg", .telegram), ("yandex-direct", .yandex), ("google", .google), ("www.google.ru", .google),
        ("fb", .facebook), ("tiktok", .tiktok), ("partner", .other),
    ])
    func infersPlatformFromSource(_ source: String, _ platform: Platform) {
        #expect(Platform.inferred(source: source, medium: "cpc") == platform)
    }

    @Test func infersEmailPlatformFromMediumOrSource() {
        #expect(Platform.inferred(source: "newsletter", medium: "Email") == .email)
        #expect(Platform.inferred(source: "e-mail", medium: nil) == .email)
        #expect(Platform.inferred(source: nil, medium: nil) == .other)
    }
}
