public import LeadTrailCore

/// Which report key a touch belongs to in a scope's dimension (SPEC "Reports"): its campaign, platform, channel,
/// normalised UTM value or local date, `(none)` without one; `(other campaigns)` outside the one campaign a scope
/// is limited to, `campaign␟value` in a scope split by campaign.
///
/// Every store keys its touches here, so that two stores give the same keys. A year's report keys millions of
/// touches, so the keys are cached per campaign id, channel, UTM text and day, and UTM values are asked for only in
/// the dimensions that group by them (``wantsUTM``).
public struct TouchKeys {
    /// A campaign as keys need it.
    public struct Campaign: Sendable {
        public var key: String
        public var platform: Platform

        public init(key: String, platform: Platform) {
            self.key = key
            self.platform = platform
        }
    }

    /// A touch's UTM values that a dimension may group by.
    public enum UTMField: Int, Sendable {
        case source, medium, content, term
    }

    public let scope: ReportScope
    /// The keys met so far; touches hold indexes into it.
    public private(set) var keys = KeyTable()
    @usableFromInline var campaigns: [Int64: Campaign]
    /// The id of ``ReportScope/onlyCampaign``'s campaign; nil when there is none, or no such campaign.
    @usableFromInline var onlyCampaignID: Int64?
    @usableFromInline var calendar: LocalCalendar
    /// Day number → key index, for the time dimensions.
    @usableFromInline var dayKeys: [Int: Int32] = [:]
    /// Column value → key index, for the text dimensions.
    @usableFromInline var textKeys: [String: Int32] = [:]
    /// Campaign id → key index (−1: not met yet), for the campaign and platform dimensions; ids beyond it in
    /// ``campaignKeys``.
    @usableFromInline var campaignKeyCache: [Int32]
    @usableFromInline var campaignKeys: [Int64: Int32] = [:]
    /// `Channel.allCases`, computed once: the synthesised property makes a new array at every call.
    @usableFromInline let channels = Channel.allCases
    /// Channel position in `Channel.allCases` → key index (−1: not met yet), for the channel dimension.
    @usableFromInline var channelKeys = [Int32](repeating: -1, count: Channel.allCases.count)
    /// The index of `(none)`: a touch without a value in the dimension.
    @usableFromInline var noneKey: Int32 = 0
    @usableFromInline var otherCampaignsKey: Int32?
    /// (campaign id, key in the dimension) → key index, for a scope split by campaign.
    @usableFromInline var splitKeys: [SplitKey: Int32] = [:]

    @usableFromInline
    struct SplitKey: Hashable {
        @usableFromInline var campaign: Int64
        @usableFromInline var inner: Int32

        @inlinable init(campaign: Int64, inner: Int32) {
            self.campaign = campaign
            self.inner = inner
        }
    }

    /// - Parameter campaigns: every campaign, by id.
    public init(scope: ReportScope, campaigns: [Int64: Campaign]) {
        self.scope = scope
        self.campaigns = campaigns
        self.calendar = LocalCalendar(timeZone: scope.timeZone)
        onlyCampaignID = scope.onlyCampaign.flatMap { only in campaigns.first { $0.value.key == only }?.key }
        let largest = campaigns.keys.max() ?? 0
        campaignKeyCache = [Int32](repeating: -1, count: Int(min(max(largest + 1, 0), 4096)))
        noneKey = keys.index(of: ReportDimension.noneKey)
    }

    /// Whether the dimension groups by UTM values: only then does ``touch(id:at:isForm:channelPosition:campaignID:utm:)``
    /// ask for them, and a store need read them.
    public var wantsUTM: Bool {
        switch scope.dimension {
        case .source, .sourceMedium, .content, .term: true
        default: false
        }
    }

    /// The SQL expression of a touch's channel as its position in `Channel.allCases` (−1 for a name it does not
    /// know): what ``touch(id:at:isForm:channelPosition:campaignID:utm:)`` takes, an integer a store reads cheaply.
    public static func channelPositionSQL(column: String) -> String {
        let cases = Channel.allCases.enumerated().map { "WHEN '\($0.element.rawValue)' THEN \($0.offset)" }
        return "CASE \(column) \(cases.joined(separator: " ")) ELSE -1 END"
    }

    /// A touch's channel as its position in `Channel.allCases` (−1 for a name it does not know) from the column's
    /// UTF-8 bytes, as ``channelPositionSQL(column:)`` computes it in SQL: for a store that reads the text itself
    /// (in SQLite the `CASE` cost a tenth of a year's scan of three million touches).
    public struct ChannelPositions {
        @usableFromInline let names = Channel.allCases.map { Array($0.rawValue.utf8) }
        /// The last position found: touches come in runs of one channel.
        @usableFromInline var last = 0

        public init() {}

        @inlinable
        public mutating func position(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
            if Self.equal(bytes, names[last]) { return last }
            guard let found = names.firstIndex(where: { Self.equal(bytes, $0) }) else { return -1 }
            last = found
            return found
        }

        @inlinable
        static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ name: [UInt8]) -> Bool {
            guard bytes.count == name.count else { return false }
            for index in 0..<name.count where bytes[index] != name[index] { return false }
            return true
        }
    }

    /// A touch with its report key.
    ///
    /// - Parameters:
    ///   - channelPosition: the channel's position in `Channel.allCases`, −1 for an unknown one (``channelPositionSQL(column:)``).
    ///   - utm: the touch's raw UTM value of a field; asked only when ``wantsUTM``.
    @inlinable
    public mutating func touch(
        id: Int64, at: Int64, isForm: Bool, channelPosition: Int, campaignID: Int64?,
        utm: (UTMField) -> String?
    ) -> StoredTouch {
        let channel = channels.indices.contains(channelPosition) ? channels[channelPosition] : .other
        return StoredTouch(
            id: id, at: at, isForm: isForm, isDirect: channel == .direct,
            key: key(campaignID: campaignID, channel: channel, channelPosition: channelPosition, at: at, utm: utm))
    }

    @inlinable
    mutating func key(
        campaignID: Int64?, channel: Channel, channelPosition: Int, at: Int64, utm: (UTMField) -> String?
    ) -> Int32 {
        if scope.splitByCampaign {
            let inner = dimensionKey(
                campaignID: campaignID, channel: channel, channelPosition: channelPosition, at: at, utm: utm)
            guard let campaignID, let campaign = campaigns[campaignID] else { return otherCampaigns() }
            let pair = SplitKey(campaign: campaignID, inner: inner)
            if let known = splitKeys[pair] { return known }
            let index = index(of: campaign.key + String(ReportDimension.campaignSeparator) + keys[inner])
            splitKeys[pair] = index
            return index
        }
        return dimensionKey(campaignID: campaignID, channel: channel, channelPosition: channelPosition, at: at, utm: utm)
    }

    /// The index of a key, adding it when new.
    @usableFromInline
    mutating func index(of key: String) -> Int32 { keys.index(of: key) }

    @usableFromInline
    mutating func otherCampaigns() -> Int32 {
        if let otherCampaignsKey { return otherCampaignsKey }
        let index = keys.index(of: ReportDimension.otherCampaignsKey)
        otherCampaignsKey = index
        return index
    }

    @inlinable
    mutating func dimensionKey(
        campaignID: Int64?, channel: Channel, channelPosition: Int, at: Int64, utm: (UTMField) -> String?
    ) -> Int32 {
        if scope.onlyCampaign != nil {
            guard let campaignID, campaignID == onlyCampaignID else { return otherCampaigns() }
        }
        switch scope.dimension {
        case .campaign, .platform:
            guard let campaignID else { return noneKey }
            let cached = campaignID >= 0 && campaignID < Int64(campaignKeyCache.count) ? Int(campaignID) : nil
            if let cached, campaignKeyCache[cached] >= 0 { return campaignKeyCache[cached] }
            if cached == nil, let known = campaignKeys[campaignID] { return known }
            return campaignKey(campaignID, cached: cached)
        case .channel:
            let isKnown = channelKeys.indices.contains(channelPosition)
            if isKnown, channelKeys[channelPosition] >= 0 { return channelKeys[channelPosition] }
            let index = index(of: channel.rawValue)
            if isKnown { channelKeys[channelPosition] = index }
            return index
        case .source, .content, .term:
            let field: UTMField = scope.dimension == .source ? .source : scope.dimension == .content ? .content : .term
            guard let value = utm(field) else { return noneKey }
            if let known = textKeys[value] { return known }
            return textKey(value)
        case .sourceMedium:
            let source = utm(.source)
            let medium = utm(.medium)
            let text = "\(source ?? "")\u{0}\(medium ?? "")"
            if let known = textKeys[text] { return known }
            return sourceMediumKey(text, source: source, medium: medium, channel: channel)
        case .month, .week, .day:
            let day = calendar.dayNumber(of: Timestamp(microseconds: at))
            if let known = dayKeys[day] { return known }
            return dayKey(day)
        }
    }

    @usableFromInline
    mutating func campaignKey(_ campaignID: Int64, cached: Int?) -> Int32 {
        let campaign = campaigns[campaignID]
        let text = scope.dimension == .campaign ? campaign?.key : campaign?.platform.rawValue
        let index = keys.index(of: text ?? ReportDimension.noneKey)
        if let cached { campaignKeyCache[cached] = index } else { campaignKeys[campaignID] = index }
        return index
    }

    @usableFromInline
    mutating func textKey(_ value: String) -> Int32 {
        let index = keys.index(of: Normalize.key(value) ?? ReportDimension.noneKey)
        textKeys[value] = index
        return index
    }

    @usableFromInline
    mutating func sourceMediumKey(_ text: String, source: String?, medium: String?, channel: Channel) -> Int32 {
        let index = keys.index(
            of: scope.dimension.key(campaign: nil, platform: nil, channel: channel, utm: UTM(source: source, medium: medium)))
        textKeys[text] = index
        return index
    }

    @usableFromInline
    mutating func dayKey(_ day: Int) -> Int32 {
        let index = keys.index(of: scope.dimension.key(of: CalendarDate(dayNumber: day)) ?? ReportDimension.noneKey)
        dayKeys[day] = index
        return index
    }
}
