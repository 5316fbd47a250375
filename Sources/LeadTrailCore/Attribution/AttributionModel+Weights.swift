#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

extension AttributionModel {
    /// The share of one conversion's credit that each touch of its journey receives, in journey order.
    ///
    /// The weights are never negative and sum to 1 (as closely as `Double` allows), so the conversion and its whole
    /// value are handed out once (SPEC "Attribution"). `markov` has no per-journey weights — it needs every journey of
    /// the period — so it answers `nil`; an empty journey (an unattributed conversion) gets `[]`.
    ///
    /// ```swift
    /// AttributionModel.positionBased.weights(for: fourTouches, convertedAt: sale, halfLifeDays: 7)
    /// // [0.4, 0.1, 0.1, 0.4]
    /// ```
    ///
    /// - Parameters:
    ///   - journey: The conversion's touches, already ordered by time with ties broken by record key.
    ///   - convertedAt: When the conversion happened; `time_decay` measures each touch's age from it.
    ///   - halfLifeDays: The `time_decay` half-life in days (`--half-life-days`); must be positive. Other models
    ///     ignore it.
    public func weights(for journey: [JourneyTouch], convertedAt: Timestamp, halfLifeDays: Double) -> [Double]? {
        if self == .markov { return nil }
        let count = journey.count
        guard count > 0 else { return [] }
        switch self {
        case .firstTouch:
            return Self.all(to: 0, count: count)
        case .lastTouch:
            return Self.all(to: count - 1, count: count)
        case .lastNonDirect:
            return Self.all(to: journey.lastIndex { !$0.isDirect } ?? count - 1, count: count)
        case .linear:
            return Array(repeating: 1 / Double(count), count: count)
        case .positionBased:
            return Self.positionBased(count: count)
        case .timeDecay:
            return Self.timeDecay(journey, convertedAt: convertedAt, halfLifeDays: halfLifeDays)
        case .markov:
            return nil
        }
    }

    private static func all(to index: Int, count: Int) -> [Double] {
        var weights = Array(repeating: 0.0, count: count)
        weights[index] = 1
        return weights
    }

    private static func positionBased(count: Int) -> [Double] {
        switch count {
        case 1: return [1]
        case 2: return [0.5, 0.5]
        default:
            var weights = Array(repeating: 0.2 / Double(count - 2), count: count)
            weights[0] = 0.4
            weights[count - 1] = 0.4
            return weights
        }
    }

    /// Weights ∝ 2^(−Δ/h), computed as 2^(−(Δ − Δmin)/h): the common factor 2^(−Δmin/h) cancels in the
    /// normalisation, and the freshest touch weighs exactly 1 before it, so a tiny half-life or an old journey cannot
    /// underflow every weight to zero.
    private static func timeDecay(_ journey: [JourneyTouch], convertedAt: Timestamp, halfLifeDays: Double) -> [Double] {
        precondition(halfLifeDays > 0, "time_decay needs a positive half-life, got \(halfLifeDays)")
        let ages = journey.map { touch in
            let (age, overflow) = convertedAt.microseconds.subtractingReportingOverflow(touch.at.microseconds)
            return overflow ? Double(convertedAt.microseconds) - Double(touch.at.microseconds) : Double(age)
        }
        let youngest = ages.min() ?? 0
        let raw = ages.map { age -> Double in
            let days = (age - youngest) / microsecondsPerDay
            return days == 0 ? 1 : exp2(-days / halfLifeDays)
        }
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    }

    /// SPEC "Time": Δ is measured in seconds and divided by 86,400 — a day is always 24 hours here.
    private static let microsecondsPerDay = 86_400_000_000.0
}
