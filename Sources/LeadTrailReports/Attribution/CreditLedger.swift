import LeadTrailCore

/// Conversions and value credited to one key, unrounded.
struct Credit: Equatable {
    var conversions: Double = 0
    var value: Double = 0

    var isZero: Bool { conversions == 0 && value == 0 }

    static func += (lhs: inout Credit, rhs: Credit) {
        lhs.conversions += rhs.conversions
        lhs.value += rhs.value
    }
}

/// The credit of a period's conversions under one model: per key, unattributed (empty journeys), and totals.
///
/// Every conversion hands out exactly one credit and its whole value, so the keys plus the unattributed credit
/// always equal the totals; rounding happens once, at output.
struct CreditLedger {
    var byKey: [Int32: Credit] = [:]
    var unattributed = Credit()
    var totals = Credit()

    /// Credits events with a model. Time dimensions credit the conversion's own date; Markov shares out the
    /// attributed conversions and value by the normalised removal effects of the period's chain.
    init(
        events: [ConversionEvent], data: ReportData, keys: inout KeyTable, model: AttributionModel,
        options: ReportOptions
    ) {
        var calendar = LocalCalendar(timeZone: options.timeZone)
        var dateKeys: [Int: Int32] = [:]
        func dateKey(_ at: Timestamp) -> Int32 {
            let day = calendar.dayNumber(of: at)
            if let known = dateKeys[day] { return known }
            let key = keys.index(of: options.dimension.key(of: CalendarDate(dayNumber: day)) ?? ReportDimension.noneKey)
            dateKeys[day] = key
            return key
        }
        var attributed: [(event: ConversionEvent, range: Range<Int>)] = []
        for event in events {
            totals += Credit(conversions: event.count, value: event.value)
            let range = event.lead.map {
                data.leads[$0].journeyRange(after: event.journeyStart, through: event.journeyEnd)
            }
            guard let range, !range.isEmpty else {
                unattributed += Credit(conversions: event.count, value: event.value)
                continue
            }
            attributed.append((event, range))
        }
        if model.isHeuristic {
            for (event, range) in attributed {
                let journey = Array(data.leads[event.lead!].touches[range])
                let weights =
                    model.weights(for: journey, convertedAt: event.journeyEnd, halfLifeDays: options.halfLifeDays) ?? []
                if options.dimension.isConversionTime {
                    byKey[dateKey(event.at), default: Credit()] += Credit(conversions: event.count, value: event.value)
                    continue
                }
                for (touch, weight) in zip(journey, weights) where weight > 0 {
                    byKey[touch.key, default: Credit()] +=
                        Credit(conversions: event.count * weight, value: event.value * weight)
                }
            }
        } else {
            creditByMarkov(attributed, data: data, keyCount: { keys.count }, dateKey: dateKey, options: options)
        }
    }

    /// Markov: converting paths are the attributed journeys of conversions (refunds carry value only); null paths
    /// are each visitor's period touches that belong to no converting journey.
    private mutating func creditByMarkov(
        _ attributed: [(event: ConversionEvent, range: Range<Int>)], data: ReportData, keyCount: () -> Int,
        dateKey: (Timestamp) -> Int32, options: ReportOptions
    ) {
        var converting: [[Int32]] = []
        var used: [Int64] = []
        let conversions = attributed.filter { $0.event.count > 0 }
        // With no conversion in the period, refunds' journeys are the only paths their value can follow.
        for (event, range) in conversions.isEmpty ? attributed : conversions {
            let lead = data.leads[event.lead!]
            converting.append(
                options.dimension.isConversionTime ? [dateKey(event.at)] : lead.touches[range].map(\.key))
            used += lead.touchIDs[range]
        }
        var chain = MarkovChain(stateCount: keyCount())
        for path in converting { chain.addPath(path, converted: true) }
        // A year holds millions of period touches: each visitor's null path goes straight into the chain's counts.
        if let period = data.periodTouches {
            let isUsed = TouchIDSet(used)
            var path: [Int32] = []
            var start = 0
            for end in period.visitorEnds {
                path.removeAll(keepingCapacity: true)
                for index in start..<end where !isUsed.contains(period.ids[index]) { path.append(period.keys[index]) }
                chain.addPath(path, converted: false)
                start = end
            }
            chain.addNullSteps(period.counted.steps)
        }
        let attributedCredit = attributed.reduce(into: Credit()) {
            $0 += Credit(conversions: $1.event.count, value: $1.event.value)
        }
        guard let shares = chain.shares() else {
            unattributed += attributedCredit
            return
        }
        for (key, share) in shares.enumerated() where share > 0 {
            byKey[Int32(key), default: Credit()] +=
                Credit(conversions: attributedCredit.conversions * share, value: attributedCredit.value * share)
        }
    }
}

/// A set of touch ids, as a bitmap over their range when it is compact enough (store ids are dense row ids), which
/// a lookup per period touch needs far less time to probe than a hashed set.
private struct TouchIDSet {
    private var lowest: Int64 = 0
    private var bits: [UInt64] = []
    private var hashed: Set<Int64> = []

    init(_ ids: [Int64]) {
        guard let lowest = ids.min(), let highest = ids.max() else { return }
        let (span, overflow) = highest.subtractingReportingOverflow(lowest)
        guard !overflow, span < 1 << 27 else {
            hashed = Set(ids)
            return
        }
        self.lowest = lowest
        bits = Array(repeating: 0, count: Int(span) / 64 + 1)
        for id in ids {
            let offset = Int(id - lowest)
            bits[offset >> 6] |= 1 << UInt64(offset & 63)
        }
    }

    func contains(_ id: Int64) -> Bool {
        guard !bits.isEmpty else { return hashed.contains(id) }
        let (offset, overflow) = id.subtractingReportingOverflow(lowest)
        guard !overflow, offset >= 0, offset < Int64(bits.count) * 64 else { return false }
        return bits[Int(offset) >> 6] & (1 << UInt64(offset & 63)) != 0
    }
}
