import LeadTrailCore

/// The change of one printed figure between two periods, worked out exactly on the printed decimals so that the rows'
/// changes plus the unattributed change add up to the total's change, as the figures themselves do.
struct FigureChange {
    /// `current − previous`, null when either is null; money keeps its currency's decimals.
    var change: OutputValue
    /// `(current − previous) / previous` as a ratio (0.25 is +25%); null when either is null, when previous is 0 or
    /// negative, or when the figure changed sign: a ROMI from −0.20 to +0.30 is not "+250%", and tables show such a
    /// change in points instead (``ComparedReport``).
    var percent: OutputValue
    /// Whether a percent change would mislead: a negative base, or a change of sign.
    var crossesZero = false

    init(current: OutputValue, previous: OutputValue) {
        guard let now = Self.micro(current), let before = Self.micro(previous) else {
            change = .null
            percent = .null
            return
        }
        let difference = now - before
        change = .decimal(Self.text(difference, digits: max(Self.digits(current), Self.digits(previous))))
        crossesZero = before < 0 || now < 0
        percent = ReportNumber.ratio(
            before == 0 || crossesZero ? nil : Double(difference) / Double(before))
    }

    /// A printed decimal in millionths; nil for null and anything not a number.
    ///
    /// `Int128`, so that a figure of up to 2⁵³ units (money's and counts' exact range) times 10⁶ and the difference
    /// of two such figures never overflow.
    static func micro(_ value: OutputValue) -> Int128? {
        switch value {
        case .integer(let number): return Int128(number) * 1_000_000
        case .decimal(let text):
            let negative = text.hasPrefix("-")
            let unsigned = text.dropFirst(negative ? 1 : 0)
            let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, parts[0].count <= 20, let whole = Int128(parts[0]) else { return nil }
            var fraction = parts.count == 2 ? String(parts[1]) : ""
            guard fraction.count <= 6, fraction.allSatisfy(\.isASCII) else { return nil }
            fraction += String(repeating: "0", count: 6 - fraction.count)
            guard let micro = Int128(fraction) else { return nil }
            let magnitude = whole * 1_000_000 + micro
            return negative ? -magnitude : magnitude
        default: return nil
        }
    }

    /// How many decimals a printed figure has: money keeps its minor unit's (`0.00`), counts print none when whole.
    static func digits(_ value: OutputValue) -> Int {
        guard case .decimal(let text) = value, let dot = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: dot, to: text.endIndex) - 1
    }

    /// Millionths as a decimal with at least `digits` decimals (money: `30000.00`), trailing zeros beyond them cut.
    static func text(_ micro: Int128, digits: Int) -> String {
        let magnitude = micro.magnitude
        var fraction = String(magnitude % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        var text = (micro < 0 ? "-" : "") + String(magnitude / 1_000_000) + (fraction.isEmpty ? "" : "." + fraction)
        guard digits > 0 else { return text }
        let present = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
        if present == 0 { text += "." }
        return text + String(repeating: "0", count: max(0, digits - present))
    }
}
