import Foundation
import LeadTrailCore
import LeadTrailStore
import Testing

/// Store-level behaviour through the `LeadStore` protocol, against a real SQLite file.
struct LeadStoreTests {
    // MARK: Duplicates and identity

    @Test func samePhoneWrittenTwoWaysTenDaysApartIsADuplicateOfTheFirstLead() throws {
        try TemporaryStore.with { store in
            let first = try store.addLead(
                NewLead(
                    createdAt: Clock.start, name: "Анна Петрова", phone: try Phone(parsing: "8 (916) 123-45-67"),
                    visitor: "visitor-a"))
            guard case .created(let firstID) = first else {
                Issue.record("first request should create a lead, got \(first)")
                return
            }
            let second = try store.addLead(
                NewLead(createdAt: Clock.days(10), phone: try Phone(parsing: "+7 916 123 45 67"), visitor: "visitor-b"))
            #expect(second == .duplicate(leadID: firstID))
            #expect(try store.leads(matching: LeadFilter()).count == 1)

            let detail = try store.leadDetail(id: firstID)
            #expect(detail.lead.name == "Анна Петрова", "a duplicate does not change the lead's contacts")
            #expect(Set(detail.visitors) == ["visitor-a", "visitor-b"])
            #expect(detail.events.contains { $0.kind == "duplicate" })
        }
    }

    @Test func samePersonFortyDaysLaterIsANewLeadThatInheritsTheFirstLeadsVisitors() throws {
        try TemporaryStore.with { store in
            let first = try store.addLead(
                NewLead(createdAt: Clock.start, phone: try Phone(parsing: "8 (916) 123-45-67"), visitor: "visitor-a"))
            let second = try store.addLead(
                NewLead(createdAt: Clock.days(40), phone: try Phone(parsing: "+7 916 123 45 67"), visitor: "visitor-b"))
            guard case .created(let secondID) = second else {
                Issue.record("a request 40 days later should create a lead, got \(second)")
                return
            }
            #expect(secondID != first.leadID)
            #expect(try store.leads(matching: LeadFilter()).count == 2)
            let visitors = try store.leadDetail(id: secondID).visitors
            #expect(visitors.contains("visitor-a"), "visitors: \(visitors)")
            #expect(visitors.contains("visitor-b"), "visitors: \(visitors)")
            // Identity is directional: the earlier lead does not inherit the later one's visitors.
            #expect(try store.leadDetail(id: first.leadID).visitors == ["visitor-a"])
        }
    }

    // MARK: Stages

    @Test func stageHistoryAndFirstResponse() throws {
        try TemporaryStore.with { store in
            let id = try store.addLead(
                NewLead(createdAt: Clock.start, email: try Email(parsing: "anna@example.com"))
            ).leadID
            try store.moveLead(id: id, to: .contacted, at: Clock.minutes(25), by: "Олег")
            try store.moveLead(id: id, to: .qualified, at: Clock.minutes(60), by: nil)
            try store.moveLead(id: id, to: .opportunity, at: Clock.minutes(120), by: "Олег")

            let detail = try store.leadDetail(id: id)
            #expect(detail.lead.stage == .opportunity)
            #expect(detail.history.map(\.to) == [.new, .contacted, .qualified, .opportunity])
            #expect(detail.history.map(\.from) == [nil, .new, .contacted, .qualified])
            #expect(detail.history.map(\.at) == [Clock.start, Clock.minutes(25), Clock.minutes(60), Clock.minutes(120)])
            #expect(
                detail.history.firstResponse
                    == StageChange(from: .new, to: .contacted, at: Clock.minutes(25), by: "Олег"))
        }
    }

    @Test func aClosedLeadCannotGoBack() throws {
        try TemporaryStore.with { store in
            let id = try store.addLead(NewLead(createdAt: Clock.start, phone: try Phone(parsing: "9161234567"))).leadID
            try store.moveLead(id: id, to: .won, at: Clock.minutes(30), by: nil)
            #expect(throws: StageMoveError.needsCorrection(lead: id, from: .won, to: .new)) {
                try store.moveLead(id: id, to: .new, at: Clock.minutes(40), by: nil)
            }
            #expect(try store.leadDetail(id: id).history.count == 2)
        }
    }

    @Test func aNewLeadHasNoFirstResponse() throws {
        try TemporaryStore.with { store in
            let id = try store.addLead(NewLead(createdAt: Clock.start, phone: try Phone(parsing: "9161234567"))).leadID
            #expect(try store.leadDetail(id: id).history.firstResponse == nil)
        }
    }

    // MARK: Refunds

    /// A lead with a won deal of 100.00 RUB; returns the deal's reference.
    private func wonDeal(_ store: any LeadStore) throws -> String {
        let lead = try store.addLead(NewLead(createdAt: Clock.start, phone: try Phone(parsing: "9161234567"))).leadID
        let deal = try store.addDeal(NewDeal(leadID: lead, amount: try rub("100.00"), createdAt: Clock.minutes(10)))
        _ = try store.closeDeal(String(deal.id), as: .won, at: Clock.minutes(20))
        return String(deal.id)
    }

    @Test func refundLargerThanTheDealIsRefused() throws {
        try TemporaryStore.with { store in
            let deal = try wonDeal(store)
            #expect(throws: StoreError.refundExceedsAmount(deal: deal)) {
                try store.refundDeal(deal, amount: try rub("100.01"), at: Clock.days(1))
            }
            _ = try store.refundDeal(deal, amount: try rub("40.00"), at: Clock.days(1))
            #expect(throws: StoreError.refundExceedsAmount(deal: deal)) {
                try store.refundDeal(deal, amount: try rub("60.01"), at: Clock.days(2))
            }
            let refunded = try store.refundDeal(deal, amount: try rub("60.00"), at: Clock.days(2))
            #expect(refunded.refunds.map(\.amount) == [try rub("40.00"), try rub("60.00")])
        }
    }

    @Test func refundInAnotherCurrencyIsRefused() throws {
        try TemporaryStore.with { store in
            let deal = try wonDeal(store)
            #expect(throws: StoreError.currencyMismatch(deal: deal, dealCurrency: "RUB", given: "USD")) {
                try store.refundDeal(deal, amount: try Money.parse("10.00", currency: .usd), at: Clock.days(1))
            }
            #expect(try store.deals(matching: DealFilter()).first?.refunds.isEmpty == true)
        }
    }

    // MARK: Spend

    @Test func spendPutAgainForTheSameDayAndCampaignReplacesIt() throws {
        try TemporaryStore.with { store in
            let day = CalendarDate(year: 2026, month: 10, day: 5)
            let replacedFirst = try store.putSpend(
                Spend(date: day, campaign: "Осень_2026", amount: try rub("1000.00"), platform: .vk, impressions: 100))
            #expect(!replacedFirst)
            let replacedSecond = try store.putSpend(
                Spend(date: day, campaign: " осень_2026 ", amount: try rub("1500.50"), platform: .vk, impressions: 150))
            #expect(replacedSecond)

            let detail = try store.campaignDetail(key: "осень_2026")
            #expect(detail.spendDays == 1)
            #expect(detail.spend == [try rub("1500.50")])

            try store.putSpend(
                Spend(date: CalendarDate(year: 2026, month: 10, day: 6), campaign: "ОСЕНЬ_2026", amount: try rub("1.00")))
            let twoDays = try store.campaignDetail(key: "Осень_2026")
            #expect(twoDays.spendDays == 2)
            #expect(twoDays.spend == [try rub("1501.50")])
        }
    }

    // MARK: Campaigns

    @Test(arguments: [
        ("vk", "cpc", Platform.vk),
        ("instagram", "paid_social", .instagram),
        ("t.me", "post", .telegram),
        ("yandex_direct", "cpc", .yandex),
        ("newsletter", "email", .email),
        ("partner_blog", "referral", .other),
    ])
    func unknownCampaignOnATouchIsAutoCreatedWithItsPlatformInferred(
        _ source: String, _ medium: String, _ platform: Platform
    ) throws {
        try TemporaryStore.with { store in
            let utm = UTM(source: source, medium: medium, campaign: "  Black_Friday ")
            let touch = Touch(
                key: "click-1", at: Clock.start, visitor: "visitor-a", utm: utm,
                channel: Channel.classify(utm: utm, referrer: nil, clickID: nil))
            #expect(try store.addTouch(touch))
            #expect(try store.addTouch(touch) == false, "the same key twice is one touch")

            let campaigns = try store.campaigns()
            try #require(campaigns.count == 1)
            #expect(campaigns[0].key == "black_friday")
            #expect(campaigns[0].isAutoCreated)
            #expect(campaigns[0].platform == platform)
            let detail = try store.campaignDetail(key: "BLACK_FRIDAY")
            #expect(detail.touches == 1)
        }
    }

    // MARK: Settings

    @Test func unknownTimeZoneIsRefused() throws {
        try TemporaryStore.with { store in
            let error = #expect(throws: StoreError.self) { try store.set(.timezone, to: "Nowhere/City") }
            if case .invalidSetting(let key, let value, _) = error {
                #expect(key == "timezone")
                #expect(value == "Nowhere/City")
            } else {
                Issue.record("expected invalidSetting, got \(String(describing: error))")
            }
            #expect(try store.settings().timeZoneName == "UTC")

            try store.set(.timezone, to: "Europe/Moscow")
            #expect(try store.settings().timeZoneName == "Europe/Moscow")
        }
    }
}
