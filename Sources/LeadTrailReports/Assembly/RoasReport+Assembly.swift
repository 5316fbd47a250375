public import LeadTrailCore

extension RoasReport {
    /// The ROAS report of `options` exactly as `report roas` and `leadtrail serve` (its API and its CSV) build it.
    ///
    /// By channel, a campaign's spend is shared over the channels of its touches (SPEC "Spend"), so the store's
    /// `campaignChannelTouches` is read then, and only then. One function for both shells, so that the server can
    /// never again print a channel report without spend while the CLI prints one with it.
    ///
    /// ```swift
    /// let report = try RoasReport.assemble(
    ///     options: options, load: store.reportData, channelTouches: store.campaignChannelTouches)
    /// ```
    ///
    /// - Parameters:
    ///   - load: what the store loads for a report scope (`store.reportData`), its sums checked by the caller.
    ///   - channelTouches: `store.campaignChannelTouches`.
    public static func assemble(
        options: ReportOptions, load: (ReportScope) throws -> ReportData,
        channelTouches: (ReportScope) throws -> CampaignChannelTouches
    ) throws -> RoasReport {
        let scope = scope(for: options)
        let mix = options.dimension == .channel ? try channelTouches(scope) : nil
        return try RoasReport(data: load(scope), options: options, channelTouches: mix)
    }
}
