/// What counts as a conversion in a report: `--conversion lead|deal|sale`.
public enum ConversionKind: String, CaseIterable, Hashable, Sendable {
    /// A lead, at its created time, worth nothing.
    case lead
    /// A deal, at its created time, worth nothing.
    case deal
    /// A won deal, at its close time, worth its amount; a refund is a value-only sale event.
    case sale
}

extension ConversionKind {
    /// Whether a deal brings conversions of this kind into a period: created in it (deal); won, and closed or
    /// refunded in it (sale: a refund is a value-only sale event). Never for leads, which convert on their own.
    ///
    /// The one rule by which reports count deals' conversions and the journey engine reads their leads.
    public func counts(_ deal: Deal, in scope: ReportScope) -> Bool {
        switch self {
        case .lead: false
        case .deal: scope.contains(deal.createdAt)
        case .sale:
            deal.status == .won
                && deal.closedAt.map { closedAt in
                    scope.contains(closedAt) || deal.refunds.contains { scope.contains($0.at) }
                } == true
        }
    }
}
