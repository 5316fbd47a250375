import Testing

@testable import LeadTrailCore

struct TrackedURLTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var url: String
        var utm: UTM
        var clickID: ClickID? = nil
        var testDescription: String { url }
    }

    static let cases: [Case] = [
        Case(
            url: "https://shop.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=winter&utm_content=ad1&utm_term=boots",
            utm: UTM(source: "vk", medium: "cpc", campaign: "winter", content: "ad1", term: "boots")),
        Case(url: "https://shop.ru/?utm_campaign=%D0%B7%D0%B8%D0%BC%D0%B0", utm: UTM(campaign: "зима")),
        Case(url: "https://shop.ru/?utm_campaign=%d0%b7%d0%b8%d0%bc%d0%b0", utm: UTM(campaign: "зима")),
        Case(url: "https://shop.ru/?utm_campaign=зима", utm: UTM(campaign: "зима")),
        Case(url: "https://shop.ru/?utm_term=winter+boots+sale", utm: UTM(term: "winter boots sale")),
        Case(url: "https://shop.ru/?utm_term=a%2Bb", utm: UTM(term: "a+b")),
        Case(url: "https://shop.ru/?utm_source=first&utm_source=second", utm: UTM(source: "first")),
        Case(url: "https://shop.ru/?utm_source=&utm_source=second", utm: UTM(source: "second")),
        Case(url: "https://shop.ru/page#utm_source=x", utm: UTM()),
        Case(url: "https://shop.ru/page?utm_source=vk#utm_medium=cpc", utm: UTM(source: "vk")),
        Case(url: "https://shop.ru/#/route?utm_source=x", utm: UTM()),
        Case(url: "https://shop.ru/landing", utm: UTM()),
        Case(url: "", utm: UTM()),
        Case(url: "https://shop.ru/?utm_campaign=100%ZZ", utm: UTM(campaign: "100%ZZ")),
        Case(url: "https://shop.ru/?utm_campaign=sale50%", utm: UTM(campaign: "sale50%")),
        Case(url: "https://shop.ru/?utm_campaign=a%2", utm: UTM(campaign: "a%2")),
        Case(url: "https://shop.ru/?utm_campaign=bad%D0", utm: UTM(campaign: "bad%D0")),
        Case(url: "https://shop.ru/?utm_source=&utm_medium=cpc&utm_campaign", utm: UTM(medium: "cpc")),
        Case(url: "https://shop.ru/?UTM_Source=VK&Utm_Medium=CPC", utm: UTM(source: "VK", medium: "CPC")),
        Case(url: "shop.ru/path?utm_source=yandex&utm_medium=cpc", utm: UTM(source: "yandex", medium: "cpc")),
        Case(url: "?utm_source=tg", utm: UTM(source: "tg")),
        Case(
            url: "https://магазин.рф/каталог?utm_source=вк&utm_medium=таргет", utm: UTM(source: "вк", medium: "таргет")),
        Case(url: "https://shop.ru/?a=1&&utm_source=vk&b", utm: UTM(source: "vk")),
        Case(url: "https://shop.ru/?utm_source=vk%20ads", utm: UTM(source: "vk ads")),
        Case(
            url: "https://shop.ru/?gclid=Cj0KCQ&utm_source=google", utm: UTM(source: "google"),
            clickID: ClickID(parameter: "gclid", value: "Cj0KCQ")),
        Case(url: "https://shop.ru/?yclid=123456", utm: UTM(), clickID: ClickID(parameter: "yclid", value: "123456")),
        Case(url: "https://shop.ru/?fbclid=IwAR0", utm: UTM(), clickID: ClickID(parameter: "fbclid", value: "IwAR0")),
        Case(url: "https://shop.ru/?vkclid=abc", utm: UTM(), clickID: ClickID(parameter: "vkclid", value: "abc")),
        Case(url: "https://shop.ru/?rb_clickid=77", utm: UTM(), clickID: ClickID(parameter: "rb_clickid", value: "77")),
        Case(url: "https://shop.ru/?ttclid=t1", utm: UTM(), clickID: ClickID(parameter: "ttclid", value: "t1")),
        Case(url: "https://shop.ru/?MSCLKID=m1", utm: UTM(), clickID: ClickID(parameter: "msclkid", value: "m1")),
        Case(
            url: "https://shop.ru/?fbclid=f&yclid=y", utm: UTM(), clickID: ClickID(parameter: "yclid", value: "y")),
        Case(url: "https://shop.ru/?gclid=&yclid=y", utm: UTM(), clickID: ClickID(parameter: "yclid", value: "y")),
        Case(url: "https://shop.ru/?gclid=g1&gclid=g2", utm: UTM(), clickID: ClickID(parameter: "gclid", value: "g1")),
        Case(url: "https://shop.ru/?utm_source=vk #x", utm: UTM(source: "vk ")),
    ]

    @Test(arguments: cases)
    func parsesQuery(_ testCase: Case) {
        let parsed = TrackedURL(parsing: testCase.url)
        #expect(parsed.utm == testCase.utm)
        #expect(parsed.clickID == testCase.clickID)
    }

    @Test func coversAtLeastTwentyDistinctURLs() {
        #expect(Set(Self.cases.map(\.url)).count >= 20)
    }
}
