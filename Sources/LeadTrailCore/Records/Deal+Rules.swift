extension Deal {
    /// Refuses an impossible close: an open deal with a close time, or a close before the deal was created.
    ///
    /// Import (`status` and `closed_at`) and `deal won|lost --at` both go through this rule.
    public static func checkClose(status: DealStatus, closedAt: Timestamp?, createdAt: Timestamp)
        throws(RecordRuleError)
    {
        guard let closedAt else { return }
        if status == .open { throw .openWithCloseTime }
        if closedAt < createdAt { throw .closedBeforeCreated(closedAt: closedAt, createdAt: createdAt) }
    }

    /// Refuses a refund that, with the deal's earlier refunds, would return more than the deal's amount.
    ///
    /// - Parameters:
    ///   - refund: The new refund, positive, in the deal's currency.
    ///   - earlier: What was refunded before, in minor units of the same currency.
    ///   - amount: The deal's amount.
    public static func checkRefund(_ refund: Money, earlier: Int64 = 0, of amount: Money) throws(RecordRuleError) {
        let (total, overflow) = earlier.addingReportingOverflow(refund.minorUnits)
        guard !overflow, total <= amount.minorUnits else {
            throw .refundExceedsAmount(
                refunds: Money(minorUnits: overflow ? .max : total, currency: refund.currency), amount: amount)
        }
    }
}
