public import LeadTrailCore

/// Which leads a report of a scope needs, and how far back their journeys reach (the lookback window).
///
/// A report needs the leads created in its period and the leads of deals created, closed or refunded in it; each
/// one's journey is its touches from `lookback` before its creation to the period's end. A report of one kind of
/// conversion (``ReportScope/conversion``) needs only the leads its conversions belong to: for sales, the leads of won
/// deals closed or refunded in the period; for deals, those of deals created in it; for leads, those created in it.
public struct JourneyNeeds: Sendable {
    public let scope: ReportScope
    private var byDeal = Set<Int64>()
    /// The leads ``needs(lead:createdAt:)`` said yes to.
    private var needed = Set<Int64>()
    /// The earliest instant any needed journey reaches back to; `Int64.max` while no lead is needed.
    public private(set) var journeyStart = Int64.max

    public init(scope: ReportScope, deals: [Deal]) {
        self.scope = scope
        for deal in deals {
            guard let leadID = deal.leadID, Self.needsLead(of: deal, scope) else { continue }
            byDeal.insert(leadID)
        }
    }

    /// Whether a deal's lead is needed for the conversions the scope counts (see the type's description).
    private static func needsLead(of deal: Deal, _ scope: ReportScope) -> Bool {
        scope.conversion.map { $0.counts(deal, in: scope) } ?? isInPeriod(deal, scope)
    }

    /// Whether a deal was created, closed or refunded in the scope's period.
    private static func isInPeriod(_ deal: Deal, _ scope: ReportScope) -> Bool {
        scope.contains(deal.createdAt) || deal.closedAt.map(scope.contains) == true
            || deal.refunds.contains { scope.contains($0.at) }
    }

    /// Whether a report reads a deal: one of the period's, or a needed lead's (its pipeline comes from all its deals).
    /// Asked once every lead has been through ``needs(lead:createdAt:)``.
    public func keeps(_ deal: Deal) -> Bool {
        Self.isInPeriod(deal, scope) || deal.leadID.map(needed.contains) == true
    }

    /// Whether the leads created in the period are needed, whatever their deals.
    private var countsLeads: Bool { scope.conversion == nil || scope.conversion == .lead }

    /// Whether the report needs this lead; a needed lead's lookback extends ``journeyStart``.
    public mutating func needs(lead id: Int64, createdAt: Int64) -> Bool {
        guard countsLeads && scope.contains(Timestamp(microseconds: createdAt)) || byDeal.contains(id) else {
            return false
        }
        journeyStart = min(journeyStart, createdAt - scope.lookback)
        needed.insert(id)
        return true
    }

    /// The first instant a journey's touches are read from: the lookback's start, less the same-session window (a
    /// touch before the window's start can still make a form touch inside it a repeat).
    public var readStart: Int64 { journeyStart == Int64.max ? journeyStart : journeyStart - SessionRule.window }
}
