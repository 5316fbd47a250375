import Foundation
import LeadTrailCore
import Testing

@testable import LeadTrailReports

// Synthetic report data built by hand, the way `SQLiteStore.reportData(_:)` builds it from a database: keys interned
// in a `KeyTable` ("(none)" first), the needed leads ordered by id with every touch of their visitors ordered by time
// then record key, and the period's touches grouped by visitor. No database, so every test here is pure and fast.

/// Instants, dates and durations the fixtures are written in.
enum Clock {
    static let second: Int64 = 1_000_000
    static let minute: Int64 = 60 * second
    static let hour: Int64 = 3_600 * second
    static let day: Int64 = 86_400 * second

    static let utc = TimeZone(identifier: "UTC")!
    static let moscow = TimeZone(identifier: "Europe/Moscow")!

    /// An RFC 3339 instant (`2026-10-17T12:00:00Z`).
    static func at(_ text: String) -> Timestamp {
        do { return try Timestamp.parse(text, timeZone: utc) } catch { fatalError("bad fixture instant \(text)") }
    }

    /// A calendar date (`2026-10-17`).
    static func date(_ text: String) -> CalendarDate {
        do { return try CalendarDate(parsing: text) } catch { fatalError("bad fixture date \(text)") }
    }
}

extension Timestamp {
    /// This instant moved by a number of microseconds (use the `Clock` units).
    func adding(_ microseconds: Int64) -> Timestamp { Timestamp(microseconds: self.microseconds + microseconds) }
    func minus(days: Int64) -> Timestamp { adding(-days * Clock.day) }
}

/// Money in minor units.
func rub(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .rub) }
func usd(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .usd) }

/// A touch as stored: its visitor, time, record key (the tie-break) and marketing context.
struct FixtureTouch: Sendable {
    var id: Int64
    /// The record key ties in time are broken by (SPEC "Time"); stable under renumbering.
    var recordKey: String
    var visitor: String
    var at: Timestamp
    var campaign: String?
    var channel: Channel
    var source: String?
    var medium: String?
    var content: String?
}

/// A lead as stored: created time, visitors (already resolved by identity), owner, stage and history.
struct FixtureLead: Sendable {
    var id: Int64
    var createdAt: Timestamp
    var visitors: [String]
    var owner: String?
    var stage: Stage = .new
    var history: [StageChange] = []
}

/// How the data hands out key indexes: as the store does (first appearance), or in a shuffled order.
enum InternOrder: Sendable {
    case firstAppearance
    case shuffled(seed: UInt64)
    /// These keys first, in this order; the rest by first appearance.
    case given([String])
}

/// A small database's worth of records, turned into `ReportData` for any report scope.
struct World: Sendable {
    var touches: [FixtureTouch] = []
    var leads: [FixtureLead] = []
    var deals: [Deal] = []
    var spend: [Spend] = []
    var rates: [ExchangeRate] = []
    /// Each campaign key's platform.
    var platforms: [String: Platform] = [:]

    // MARK: Building by hand

    /// Adds a lead with its own visitor `v<id>` (or the visitors given).
    @discardableResult
    mutating func lead(
        _ id: Int64, at createdAt: Timestamp, visitors: [String]? = nil, owner: String? = nil, stage: Stage = .new,
        history: [StageChange] = []
    ) -> Int64 {
        leads.append(
            FixtureLead(
                id: id, createdAt: createdAt, visitors: visitors ?? ["v\(id)"], owner: owner, stage: stage,
                history: history))
        return id
    }

    /// Adds a touch; a touch with no campaign and the `direct` channel is a direct visit.
    mutating func touch(
        _ visitor: String, at: Timestamp, campaign: String? = nil, channel: Channel = .paidSocial,
        source: String? = nil, medium: String? = nil, content: String? = nil, recordKey: String? = nil
    ) {
        let id = Int64(touches.count + 1)
        touches.append(
            FixtureTouch(
                id: id, recordKey: recordKey ?? String(format: "t%06d", id), visitor: visitor, at: at,
                campaign: campaign, channel: channel, source: source, medium: medium, content: content))
    }

    /// Adds a direct visit (no UTM, no referrer).
    mutating func direct(_ visitor: String, at: Timestamp, recordKey: String? = nil) {
        touch(visitor, at: at, campaign: nil, channel: .direct, recordKey: recordKey)
    }

    /// Adds a won deal (a sale) of a lead, created an hour after the lead unless told.
    mutating func sale(
        lead: Int64?, amount: Money, closedAt: Timestamp, createdAt: Timestamp? = nil, refunds: [Refund] = []
    ) {
        let created = createdAt ?? leads.first { $0.id == lead }.map { $0.createdAt.adding(Clock.hour) } ?? closedAt
        deals.append(
            Deal(
                id: Int64(deals.count + 1), leadID: lead, amount: amount, status: .won, createdAt: created,
                closedAt: closedAt, refunds: refunds))
    }

    /// Adds an open or lost deal.
    mutating func deal(
        lead: Int64?, amount: Money, status: DealStatus = .open, createdAt: Timestamp, closedAt: Timestamp? = nil
    ) {
        deals.append(
            Deal(
                id: Int64(deals.count + 1), leadID: lead, amount: amount, status: status, createdAt: createdAt,
                closedAt: closedAt))
    }

    mutating func rate(_ from: Currency, _ to: Currency, _ rate: Double, on date: String) {
        rates.append(
            ExchangeRate(date: Clock.date(date), from: from, to: to, rate: rate, rateText: String(rate)))
    }

    // MARK: Report data, as the store loads it

    /// The report data for a scope: what `SQLiteStore.reportData(scope)` would load from these records.
    func data(_ scope: ReportScope, interning order: InternOrder = .firstAppearance) -> ReportData {
        var calendar = LocalCalendar(timeZone: scope.timeZone)
        func keyText(_ touch: FixtureTouch) -> String {
            let dimension = scope.dimension
            if dimension.isConversionTime {
                return dimension.key(of: calendar.date(of: touch.at)) ?? ReportDimension.noneKey
            }
            let campaign = Normalize.key(touch.campaign)
            return dimension.key(
                campaign: campaign, platform: campaign.flatMap { platforms[$0] }, channel: touch.channel,
                utm: UTM(source: touch.source, medium: touch.medium, campaign: touch.campaign, content: touch.content))
        }

        var keys = KeyTable()
        switch order {
        case .firstAppearance:
            _ = keys.index(of: ReportDimension.noneKey)
        case .given(let first):
            for key in first { _ = keys.index(of: key) }
            _ = keys.index(of: ReportDimension.noneKey)
        case .shuffled(let seed):
            // Every key the data can name: touch keys, spend campaigns and platforms, and every date of the period.
            var all = Set(touches.map(keyText))
            all.insert(ReportDimension.noneKey)
            for row in spend {
                all.insert(row.campaign)
                all.insert((row.platform ?? platforms[row.campaign])?.rawValue ?? ReportDimension.noneKey)
            }
            if scope.dimension.isConversionTime {
                for day in (scope.from.dayNumber - 1)...(scope.to.dayNumber + 1) {
                    all.insert(scope.dimension.key(of: CalendarDate(dayNumber: day)) ?? ReportDimension.noneKey)
                }
            }
            var generator = SplitMix64(seed: seed)
            for key in all.sorted().shuffled(using: &generator) { _ = keys.index(of: key) }
        }

        func ordered(_ touches: [FixtureTouch]) -> [FixtureTouch] {
            touches.sorted { ($0.at, $0.recordKey) < ($1.at, $1.recordKey) }
        }
        var byVisitor: [String: [FixtureTouch]] = [:]
        for touch in touches { byVisitor[touch.visitor, default: []].append(touch) }

        // The leads a report of the period can need: created in it, or owning a deal created, closed or refunded in it.
        var needed = Set<Int64>()
        for deal in deals {
            guard let leadID = deal.leadID else { continue }
            if scope.contains(deal.createdAt) || deal.closedAt.map(scope.contains) == true
                || deal.refunds.contains(where: { scope.contains($0.at) })
            {
                needed.insert(leadID)
            }
        }
        var reportLeads: [ReportLead] = []
        for lead in leads.sorted(by: { $0.id < $1.id })
        where needed.contains(lead.id) || scope.contains(lead.createdAt) {
            let own = ordered(Set(lead.visitors).flatMap { byVisitor[$0] ?? [] }).filter { $0.at < scope.end }
            reportLeads.append(
                ReportLead(
                    id: lead.id, createdAt: lead.createdAt, owner: lead.owner, stage: lead.stage,
                    history: lead.history,
                    touches: own.map {
                        JourneyTouch(at: $0.at, isDirect: $0.channel == .direct, key: keys.index(of: keyText($0)))
                    },
                    touchIDs: own.map(\.id)))
        }

        var period: PeriodTouches?
        if scope.needsPeriodTouches {
            var result = PeriodTouches()
            for visitor in byVisitor.keys.sorted() {
                let inPeriod = ordered(byVisitor[visitor] ?? []).filter { scope.contains($0.at) }
                guard !inPeriod.isEmpty else { continue }
                for touch in inPeriod {
                    result.ids.append(touch.id)
                    result.keys.append(keys.index(of: keyText(touch)))
                }
                result.visitorEnds.append(result.ids.count)
            }
            period = result
        }

        let spendRows = spend.filter { $0.date >= scope.from && $0.date <= scope.to }.map { row -> Spend in
            var row = row
            row.platform = row.platform ?? platforms[row.campaign] ?? .other
            return row
        }
        return ReportData(
            keys: keys, leads: reportLeads, deals: deals.sorted { $0.id < $1.id }, spend: spendRows,
            rates: ExchangeRates(rates), periodTouches: period)
    }

    /// The same records as another import order would number them: lead, deal and touch ids permuted, every list
    /// shuffled. Record keys (the tie-break) and everything a report reads stay the same.
    func renumbered(seed: UInt64) -> World {
        var generator = SplitMix64(seed: seed)
        var world = self
        let leadIDs = leads.map(\.id)
        let newLeadIDs = Dictionary(uniqueKeysWithValues: zip(leadIDs, leadIDs.shuffled(using: &generator)))
        for index in world.leads.indices { world.leads[index].id = newLeadIDs[world.leads[index].id]! }
        let dealIDs = deals.map(\.id).shuffled(using: &generator)
        for index in world.deals.indices {
            world.deals[index].id = dealIDs[index]
            world.deals[index].leadID = world.deals[index].leadID.map { newLeadIDs[$0] ?? $0 }
        }
        let touchIDs = touches.map(\.id).shuffled(using: &generator)
        for index in world.touches.indices { world.touches[index].id = touchIDs[index] }
        world.touches.shuffle(using: &generator)
        world.leads.shuffle(using: &generator)
        world.deals.shuffle(using: &generator)
        world.spend.shuffle(using: &generator)
        world.rates.shuffle(using: &generator)
        return world
    }

    /// Whether any refund of a won deal falls in the scope's period.
    func hasRefunds(in scope: ReportScope) -> Bool {
        deals.contains { $0.status == .won && $0.refunds.contains { scope.contains($0.at) } }
    }
}

// MARK: - Options and reports

/// Report options for October 2026 (UTC, RUB) unless told otherwise.
func reportOptions(
    model: AttributionModel = .lastNonDirect, by dimension: ReportDimension = .campaign,
    conversion: ConversionKind = .sale, from: String = "2026-10-01", to: String = "2026-10-31",
    timeZone: TimeZone = Clock.utc, timeZoneName: String = "UTC", currency: Currency = .rub, lookbackDays: Int = 90,
    halfLifeDays: Double = 7
) -> ReportOptions {
    ReportOptions(
        from: Clock.date(from), to: Clock.date(to), timeZone: timeZone, timeZoneName: timeZoneName, model: model,
        dimension: dimension, conversion: conversion, currency: currency, lookbackDays: lookbackDays,
        halfLifeDays: halfLifeDays)
}

extension World {
    func attribution(_ options: ReportOptions, interning order: InternOrder = .firstAppearance) throws
        -> AttributionReport
    {
        try AttributionReport(data: data(AttributionReport.scope(for: options), interning: order), options: options)
    }

    func roas(_ options: ReportOptions, interning order: InternOrder = .firstAppearance) throws -> RoasReport {
        try RoasReport(data: data(RoasReport.scope(for: options), interning: order), options: options)
    }

    func funnel(_ options: ReportOptions, interning order: InternOrder = .firstAppearance) throws -> FunnelReport {
        try FunnelReport(data: data(FunnelReport.scope(for: options), interning: order), options: options)
    }

    func models(_ options: ReportOptions, interning order: InternOrder = .firstAppearance) throws -> ModelComparison {
        try ModelComparison(data: data(ModelComparison.scope(for: options), interning: order), options: options)
    }

    /// The unrounded credit per key string of one conversion kind, straight from the ledger.
    func ledger(_ options: ReportOptions, kind: ConversionKind? = nil) throws -> (
        byKey: [String: Credit], unattributed: Credit, totals: Credit, events: [ConversionEvent]
    ) {
        let scope = options.scope(needsPeriodTouches: true)
        let data = data(scope)
        var keys = data.keys
        let events = try ConversionEvent.events(
            of: kind ?? options.conversion, in: data, options: options, scope: scope)
        let ledger = CreditLedger(events: events, data: data, keys: &keys, model: options.model, options: options)
        var byKey: [String: Credit] = [:]
        for (key, credit) in ledger.byKey { byKey[keys[key], default: Credit()] += credit }
        return (byKey, ledger.unattributed, ledger.totals, events)
    }
}

// MARK: - Random data

/// A small, fast, seedable generator (Steele, Lea & Flood's SplitMix64), so every random data set can be rebuilt
/// from its seed.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func int64(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &self) }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }
}

extension World {
    static let campaigns: [(key: String, platform: Platform)] = [
        ("black_friday", .vk), ("зима", .instagram), ("retarget", .vk), ("brand", .yandex), ("promo q4", .google),
        ("telegram_ads", .telegram),
    ]
    static let sources: [(source: String?, medium: String?, channel: Channel)] = [
        ("vk", "cpc", .paidSocial), ("instagram", "paid", .paidSocial), ("yandex", "cpc", .paidSearch),
        ("google", "organic", .organicSearch), ("newsletter", "email", .email), ("partner.ru", "referral", .referral),
        ("vk", nil, .organicSocial), (nil, "banner", .display),
    ]

    /// A random but valid data set around October 2026: 1–40 leads with 0–8 touches each (ties in time, direct
    /// visits, touches at the lookback edge), deals won, open and lost in and out of the period, in RUB and USD with
    /// the rates they need (sometimes only the reverse pair), refunds, spend rows, and visitors who never converted.
    static func random(seed: UInt64) -> World {
        var random = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 17)
        var world = World()
        for campaign in campaigns { world.platforms[campaign.key] = campaign.platform }
        let periodStart = Clock.at("2026-10-01T00:00:00Z")
        let periodEnd = Clock.at("2026-11-01T00:00:00Z")
        // Leads from a month before the period to half a month after it.
        let leadRange = periodStart.microseconds - 30 * Clock.day...periodEnd.microseconds + 15 * Clock.day

        func addTouch(_ visitor: String, at: Timestamp) {
            if random.chance(0.25) {
                world.direct(visitor, at: at)
                return
            }
            let origin = random.pick(sources)
            let campaign = random.chance(0.15) ? nil : random.pick(campaigns).key
            // Some campaign keys as typed, which the report normalises.
            let typed = campaign.map { random.chance(0.2) ? " \($0.uppercased()) " : $0 }
            world.touch(
                visitor, at: at, campaign: typed, channel: origin.channel, source: origin.source,
                medium: origin.medium, content: random.chance(0.5) ? "ad\(random.int(1...3))" : nil)
        }

        let leadCount = random.int(1...40)
        for index in 1...leadCount {
            let id = Int64(index)
            let createdAt = Timestamp(microseconds: random.int64(leadRange) / Clock.second * Clock.second)
            let visitors = random.chance(0.3) ? ["v\(id)", "v\(id)b"] : ["v\(id)"]
            let stage = random.pick(Stage.allCases)
            var history: [StageChange] = []
            if stage != .new {
                history.append(StageChange(from: .new, to: .contacted, at: createdAt.adding(Clock.hour), by: "rep"))
                if stage != .contacted {
                    history.append(StageChange(from: .contacted, to: stage, at: createdAt.adding(Clock.day), by: "rep"))
                }
            }
            world.lead(
                id, at: createdAt, visitors: visitors,
                owner: random.chance(0.7) ? random.pick(["anna", "борис"]) : nil,
                stage: stage, history: history)
            // 0–8 touches, some leads with none; mostly before the lead, some after it (they count for its sales).
            let touchCount = random.chance(0.15) ? 0 : random.int(0...8)
            var previous: Timestamp?
            for _ in 0..<touchCount {
                let at: Timestamp
                if let previous, random.chance(0.2) {
                    at = previous  // a tie in time
                } else if random.chance(0.05) {
                    at = createdAt.minus(days: 90).adding(random.chance(0.5) ? 0 : Clock.second)  // the lookback edge
                } else {
                    at = createdAt.adding(
                        -random.int64(0...120) * Clock.day + random.int64(-3_600...86_400) * Clock.second)
                }
                addTouch(random.pick(visitors), at: at)
                previous = at
            }
            // 0–2 deals.
            for _ in 0..<random.int(0...2) where random.chance(0.6) {
                let created = createdAt.adding(
                    random.int64(0...30) * Clock.day + random.int64(0...86_399) * Clock.second)
                let status: DealStatus = random.chance(0.55) ? .won : random.chance(0.5) ? .open : .lost
                let closed = status == .open ? nil : created.adding(random.int64(0...40 * 86_400) * Clock.second)
                let amount = random.chance(0.25) ? usd(random.int64(1...2_000_000)) : rub(random.int64(1...50_000_000))
                var refunds: [Refund] = []
                if status == .won, let closed, random.chance(0.2) {
                    refunds.append(
                        Refund(
                            amount: Money(minorUnits: random.int64(1...amount.minorUnits), currency: amount.currency),
                            at: closed.adding(random.int64(0...20 * 86_400) * Clock.second)))
                }
                world.deals.append(
                    Deal(
                        id: Int64(world.deals.count + 1), leadID: random.chance(0.05) ? nil : id, amount: amount,
                        status: status, createdAt: created, closedAt: closed, refunds: refunds))
            }
        }
        // Visitors who never became leads: Markov's null paths and the `touches` figure.
        for index in 0..<random.int(0...10) {
            for _ in 0..<random.int(1...5) {
                addTouch(
                    "anon\(index)",
                    at: periodStart.adding(random.int64(0...(31 * 86_400 - 1)) * Clock.second))
            }
        }
        // Spend: some campaigns on some days of the period, in RUB or USD, with zeros among the delivery figures.
        for campaign in campaigns where random.chance(0.7) {
            for day in 1...31 where random.chance(0.3) {
                let amount = random.chance(0.2) ? usd(random.int64(0...50_000)) : rub(random.int64(0...3_000_000))
                let impressions = random.chance(0.1) ? 0 : random.int64(0...100_000)
                world.spend.append(
                    Spend(
                        date: CalendarDate(year: 2026, month: 10, day: day), campaign: campaign.key, amount: amount,
                        platform: random.chance(0.2) ? .other : nil, impressions: impressions,
                        reach: impressions / 2, clicks: random.chance(0.1) ? 0 : random.int64(0...impressions / 10),
                        engagements: random.int64(0...500)))
            }
        }
        // USD needs rates on or before every date it is used: the direct pair, or only the reverse one.
        if random.chance(0.7) {
            world.rate(.usd, .rub, 92.5, on: "2026-01-01")
            world.rate(.usd, .rub, 95.125, on: "2026-10-10")
            world.rate(.usd, .rub, 97.3333, on: "2026-11-02")
        } else {
            world.rate(.rub, .usd, 0.0125, on: "2026-01-01")
            world.rate(.rub, .usd, 0.0105, on: "2026-10-15")
        }
        return world
    }
}
