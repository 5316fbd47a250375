import Foundation
import Testing

/// The SPEC's precise rules as reports show them, on small crafted files: the same-session rule, the lookback edge,
/// identity across leads and click ids, a deal that arrives before its lead, and refunds.
@Suite("Report rules")
struct ReportRulesTests {
    // MARK: same session

    enum SessionCase: String, CaseIterable, CustomTestStringConvertible {
        case tenMinutesLater, exactlyThirtyMinutesLater, thirtyOneMinutesLater, anotherContent, anotherVisitor

        var testDescription: String { rawValue }

        /// The submission's time and page URL; the click is at 10:00:00Z with content `a` and term `t`.
        var submission: (at: String, visitor: String, url: String) {
            let same =
                "https://laska-studio.ru/?utm_source=VK&utm_medium=cpc&utm_campaign=Autumn&utm_content=a&utm_term=t"
            return switch self {
            case .tenMinutesLater: ("2026-10-05T10:10:00Z", "v-1", same)
            case .exactlyThirtyMinutesLater: ("2026-10-05T10:30:00Z", "v-1", same)
            case .thirtyOneMinutesLater: ("2026-10-05T10:31:00Z", "v-1", same)
            case .anotherContent:
                ("2026-10-05T10:10:00Z", "v-1", same.replacingOccurrences(of: "utm_content=a", with: "utm_content=b"))
            case .anotherVisitor: ("2026-10-05T10:10:00Z", "v-2", same)
            }
        }

        /// One touch when the submission is in the click's session, two otherwise.
        var expectedTouches: Int64 {
            switch self {
            case .tenMinutesLater, .exactlyThirtyMinutesLater: 1
            case .thirtyOneMinutesLater, .anotherContent, .anotherVisitor: 2
            }
        }
    }

    @Test(arguments: SessionCase.allCases, [false, true])
    func aSubmissionInTheClicksSessionAddsNoTouch(_ session: SessionCase, clicksFirst: Bool) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let click = try ws.write(
                "clicks.ndjson",
                lines: [
                    #"{"id": "c-1", "at": "2026-10-05T10:00:00Z", "visitor": "v-1", "url": "https://laska-studio.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=autumn&utm_content=a&utm_term=t"}"#
                ])
            let (at, visitor, url) = session.submission
            let form = try ws.write(
                "forms.ndjson",
                lines: [
                    #"{"id": "f-1", "submitted_at": "\#(at)", "name": "Анна", "phone": "+79160000001", "visitor": "\#(visitor)", "page_url": "\#(url)"}"#
                ])
            let imports = [["import", "clicks", click], ["import", "forms", form]]
            for command in clicksFirst ? imports : imports.reversed() { try ws.succeed(command) }

            let (text, json) = try ws.reportJSON(
                "roas", [], from: "2026-10-01", to: "2026-10-31")
            #expect(json["totals"]?["touches"]?.integer == session.expectedTouches, "\(session): \(text)")
            let rows = json["rows"]?.array ?? []
            #expect(rows.map { $0["key"]?.string } == ["autumn"], "\(text)")
            #expect(rows.first?["touches"]?.integer == session.expectedTouches, "\(text)")
            #expect(rows.first?["leads"]?.decimal == 1, "\(text)")
        }
    }

    // MARK: lookback

    /// A lead on 5 October 10:00Z; one visitor's only touch is exactly 90 days before it (out: the journey is
    /// `(start, conversion]`), the other's 90 days minus one second before it (in).
    @Test(arguments: [
        "first_touch", "last_touch", "last_non_direct", "linear", "position_based", "time_decay", "markov",
    ])
    func theLookbackEdgeIsExclusiveToTheSecond(model: String) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed([
                "import", "clicks",
                try ws.write(
                    "clicks.ndjson",
                    lines: [
                        #"{"id": "c-out", "at": "2026-07-07T10:00:00Z", "visitor": "v-a", "utm_source": "vk", "utm_medium": "cpc", "utm_campaign": "edge_out"}"#,
                        #"{"id": "c-in", "at": "2026-07-07T10:00:01Z", "visitor": "v-b", "utm_source": "vk", "utm_medium": "cpc", "utm_campaign": "edge_in"}"#,
                    ]),
            ])
            try ws.succeed([
                "import", "forms",
                try ws.write(
                    "forms.ndjson",
                    lines: [
                        #"{"id": "f-a", "submitted_at": "2026-10-05T10:00:00Z", "name": "А", "phone": "+79160000001", "visitor": "v-a"}"#,
                        #"{"id": "f-b", "submitted_at": "2026-10-05T10:00:00Z", "name": "Б", "phone": "+79160000002", "visitor": "v-b"}"#,
                    ]),
            ])
            let (text, json) = try ws.reportJSON(
                "attribution", ["--conversion", "lead", "--by", "campaign", "--model", model], from: "2026-10-01",
                to: "2026-10-31")
            let rows = json["rows"]?.array ?? []
            #expect(rows.map { $0["key"]?.string } == ["edge_in"], "\(text)")
            #expect(rows.first?["conversions"]?.decimal == 1, "\(text)")
            #expect(json["unattributed"]?["conversions"]?.decimal == 1, "\(text)")
            #expect(json["totals"]?["conversions"]?.decimal == 2, "\(text)")

            // One more day of lookback brings the edge touch in; one day less leaves both out.
            let wider = try ws.reportJSON(
                "attribution", ["--conversion", "lead", "--model", model, "--lookback-days", "91"], from: "2026-10-01",
                to: "2026-10-31")
            #expect(
                Set((wider.json["rows"]?.array ?? []).compactMap { $0["key"]?.string }) == ["edge_in", "edge_out"],
                "\(wider.text)")
            #expect(wider.json["unattributed"]?["conversions"]?.decimal == 0, "\(wider.text)")
            let narrower = try ws.reportJSON(
                "attribution", ["--conversion", "lead", "--model", model, "--lookback-days", "89"], from: "2026-10-01",
                to: "2026-10-31")
            #expect(narrower.json["rows"] == .array([]), "\(narrower.text)")
            #expect(narrower.json["unattributed"]?["conversions"]?.decimal == 2, "\(narrower.text)")
        }
    }

    // MARK: identity

    @Test func aSecondLeadOfThePersonIsCreditedWithTheFirstLeadsTouches() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            // The first lead (v-1) came from a VK ad; 40 days later the same phone asks again from v-2, with no touch
            // of its own. Out of the duplicate window, so a new lead — which inherits v-1.
            try ws.succeed([
                "import", "forms",
                try ws.write(
                    "forms.ndjson",
                    lines: [
                        #"{"id": "f-1", "submitted_at": "2026-10-01T10:00:00Z", "name": "Анна", "phone": "+79160000001", "visitor": "v-1"}"#,
                        #"{"id": "f-2", "submitted_at": "2026-11-10T10:00:00Z", "name": "Анна", "phone": "8 (916) 000-00-01", "visitor": "v-2"}"#,
                    ]),
            ])
            try ws.succeed([
                "import", "clicks",
                try ws.write(
                    "clicks.ndjson",
                    lines: [
                        #"{"id": "c-1", "at": "2026-09-30T10:00:00Z", "visitor": "v-1", "utm_source": "vk", "utm_medium": "cpc", "utm_campaign": "first_campaign"}"#
                    ]),
            ])
            #expect(try ws.listing(["lead", "list"]).count == 2)
            for model in ["first_touch", "last_non_direct", "linear"] {
                let (text, json) = try ws.reportJSON(
                    "attribution", ["--conversion", "lead", "--model", model], from: "2026-11-01", to: "2026-11-30")
                let rows = json["rows"]?.array ?? []
                #expect(rows.map { $0["key"]?.string } == ["first_campaign"], "\(model): \(text)")
                #expect(rows.first?["conversions"]?.decimal == 1, "\(model): \(text)")
                #expect(json["unattributed"]?["conversions"]?.decimal == 0, "\(model): \(text)")
            }
        }
    }

    @Test(arguments: [false, true])
    func aVisitorSharingAClickIDContributesItsTouches(clicksFirst: Bool) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            // v-other clicked a Yandex ad (yclid 777); v-lead came back later with the same yclid and no UTM, then
            // asked. The shared click id links v-other's touches to the lead.
            let clicks = try ws.write(
                "clicks.ndjson",
                lines: [
                    #"{"id": "c-o", "at": "2026-10-20T10:00:00Z", "visitor": "v-other", "url": "https://laska-studio.ru/?utm_source=yandex&utm_medium=cpc&utm_campaign=shared_click&yclid=777"}"#,
                    #"{"id": "c-l", "at": "2026-10-21T10:00:00Z", "visitor": "v-lead", "url": "https://laska-studio.ru/?yclid=777"}"#,
                    #"{"id": "c-x", "at": "2026-10-20T11:00:00Z", "visitor": "v-stranger", "url": "https://laska-studio.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=unrelated&yclid=778"}"#,
                ])
            let forms = try ws.write(
                "forms.ndjson",
                lines: [
                    #"{"id": "f-1", "submitted_at": "2026-10-22T10:00:00Z", "name": "Сергей", "email": "sergey@example.com", "visitor": "v-lead"}"#
                ])
            let imports = [["import", "clicks", clicks], ["import", "forms", forms]]
            for command in clicksFirst ? imports : imports.reversed() { try ws.succeed(command) }

            let (text, json) = try ws.reportJSON(
                "attribution", ["--conversion", "lead", "--model", "first_touch"], from: "2026-10-01", to: "2026-10-31")
            #expect((json["rows"]?.array ?? []).map { $0["key"]?.string } == ["shared_click"], "\(text)")
            // Under linear both touches share the lead: the shared click and the lead's own (no campaign).
            let linear = try ws.reportJSON(
                "attribution", ["--conversion", "lead", "--model", "linear"], from: "2026-10-01", to: "2026-10-31")
            let credits = Dictionary(
                (linear.json["rows"]?.array ?? []).compactMap { row in
                    row["key"]?.string.map { ($0, row["conversions"]?.decimal) }
                },
                uniquingKeysWith: { a, _ in a })
            #expect(
                credits == ["shared_click": Decimal(string: "0.5"), "(none)": Decimal(string: "0.5")], "\(linear.text)")
        }
    }

    // MARK: deals before leads

    private static let wonDeal =
        #"{"id": "d-1", "lead": {"phone": "+79160000001"}, "amount": "10000.00", "currency": "RUB", "created_at": "2026-10-06T10:00:00Z", "status": "won", "closed_at": "2026-10-07T10:00:00Z"}"#
    private static let leadFromVK =
        #"{"id": "f-1", "submitted_at": "2026-10-05T10:00:00Z", "name": "Анна", "phone": "+79160000001", "visitor": "v-1", "page_url": "https://laska-studio.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=autumn"}"#

    @Test func aDealImportedBeforeItsLeadIsUnattributedUntilTheLeadArrives() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["import", "deals", try ws.write("deals.ndjson", lines: [Self.wonDeal])])

            let before = try ws.reportJSON("attribution", [], from: "2026-10-01", to: "2026-10-31")
            #expect(before.json["rows"] == .array([]), "\(before.text)")
            #expect(before.json["unattributed"]?["conversions"]?.decimal == 1, "\(before.text)")
            #expect(before.json["unattributed"]?["value"] == .number("10000.00"), "\(before.text)")
            #expect(before.json["totals"]?["value"] == .number("10000.00"), "\(before.text)")
            let roasBefore = try ws.reportJSON("roas", [], from: "2026-10-01", to: "2026-10-31")
            #expect(roasBefore.json["unattributed"]?["revenue"] == .number("10000.00"), "\(roasBefore.text)")
            #expect(roasBefore.json["unattributed"]?["won"]?.decimal == 1, "\(roasBefore.text)")

            try ws.succeed(["import", "forms", try ws.write("forms.ndjson", lines: [Self.leadFromVK])])
            let after = try ws.reportJSON("attribution", [], from: "2026-10-01", to: "2026-10-31")
            let rows = after.json["rows"]?.array ?? []
            #expect(rows.map { $0["key"]?.string } == ["autumn"], "\(after.text)")
            #expect(rows.first?["conversions"]?.decimal == 1, "\(after.text)")
            #expect(rows.first?["value"] == .number("10000.00"), "\(after.text)")
            #expect(after.json["unattributed"]?["conversions"]?.decimal == 0, "\(after.text)")
            #expect(after.json["unattributed"]?["value"]?.decimal == 0, "\(after.text)")
            let roasAfter = try ws.reportJSON("roas", [], from: "2026-10-01", to: "2026-10-31")
            let roasRow = roasAfter.json["rows"]?.array?.first
            #expect(roasRow?["key"] == .string("autumn"), "\(roasAfter.text)")
            #expect(roasRow?["revenue"] == .number("10000.00"), "\(roasAfter.text)")
            #expect(
                roasRow?["leads"]?.decimal == 1 && roasRow?["deals"]?.decimal == 1 && roasRow?["won"]?.decimal == 1,
                "\(roasAfter.text)")
        }
    }

    // MARK: refunds

    enum RefundSource: String, CaseIterable, CustomTestStringConvertible {
        case dealFields, refundCommand
        var testDescription: String { rawValue }
    }

    @Test(arguments: RefundSource.allCases)
    func aRefundIsNegativeValueWithNoConversionInItsOwnPeriod(_ source: RefundSource) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["import", "forms", try ws.write("forms.ndjson", lines: [Self.leadFromVK])])
            switch source {
            case .dealFields:
                let refunded =
                    String(Self.wonDeal.dropLast())
                    + #", "refunded_amount": "2500.00", "refunded_at": "2026-11-03T12:00:00Z"}"#
                try ws.succeed(["import", "deals", try ws.write("deals.ndjson", lines: [refunded])])
            case .refundCommand:
                try ws.succeed(["import", "deals", try ws.write("deals.ndjson", lines: [Self.wonDeal])])
                try ws.succeed(["deal", "refund", "d-1", "2500.00", "--at", "2026-11-03T12:00:00Z"])
            }

            // October: the sale, whole.
            let october = try ws.reportJSON("attribution", [], from: "2026-10-01", to: "2026-10-31")
            #expect(october.json["rows"]?.array?.first?["conversions"]?.decimal == 1, "\(october.text)")
            #expect(october.json["rows"]?.array?.first?["value"] == .number("10000.00"), "\(october.text)")
            #expect(october.json["totals"]?["value"] == .number("10000.00"), "\(october.text)")

            // November: the refund alone — no conversion, negative value, on the sale's campaign.
            for model in ["last_non_direct", "linear", "markov"] {
                let november = try ws.reportJSON(
                    "attribution", ["--model", model], from: "2026-11-01", to: "2026-11-30")
                let rows = november.json["rows"]?.array ?? []
                #expect(rows.map { $0["key"]?.string } == ["autumn"], "\(model): \(november.text)")
                #expect(rows.first?["conversions"]?.decimal == 0, "\(model): \(november.text)")
                #expect(rows.first?["value"] == .number("-2500.00"), "\(model): \(november.text)")
                #expect(november.json["totals"]?["conversions"]?.decimal == 0, "\(model): \(november.text)")
                #expect(november.json["totals"]?["value"] == .number("-2500.00"), "\(model): \(november.text)")
                #expect(november.json["unattributed"]?["value"]?.decimal == 0, "\(model): \(november.text)")
            }
            let roas = try ws.reportJSON("roas", [], from: "2026-11-01", to: "2026-11-30")
            let row = roas.json["rows"]?.array?.first
            #expect(row?["key"] == .string("autumn"), "\(roas.text)")
            #expect(row?["revenue"] == .number("-2500.00"), "\(roas.text)")
            #expect(row?["won"]?.decimal == 0, "\(roas.text)")
            #expect(roas.json["totals"]?["revenue"] == .number("-2500.00"), "\(roas.text)")

            // Both months together: the sale net of its refund.
            let both = try ws.reportJSON("attribution", [], from: "2026-10-01", to: "2026-11-30")
            #expect(both.json["totals"]?["conversions"]?.decimal == 1, "\(both.text)")
            #expect(both.json["totals"]?["value"] == .number("7500.00"), "\(both.text)")
            #expect(both.json["rows"]?.array?.first?["value"] == .number("7500.00"), "\(both.text)")
        }
    }
}
