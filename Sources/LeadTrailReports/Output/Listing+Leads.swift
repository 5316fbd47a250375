public import Foundation
public import LeadTrailCore

extension Listing {
    /// `lead list`'s listing: shared by the CLI and `leadtrail serve`'s `GET /api/leads`, so both print the same
    /// JSON. Times are RFC 3339 in JSON, local to `timeZone` in a table or CSV, whose column names the zone.
    ///
    /// `sources` gives the campaign and channel columns (``LeadSource``); a lead without one shows `(none)`.
    public static func leads(
        _ leads: [Lead], sources: [Int64: LeadSource] = [:], timeZone: TimeZone, format: OutputFormat
    ) -> Listing {
        let json = format == .json
        let none: OutputValue = json ? .null : .string(ReportDimension.noneKey)
        return Listing(
            columns: [
                "id", localTimeColumn("created_at", in: timeZone, json: json), "name", "phone", "email", "stage", "owner", "campaign", "channel", "form", "source",
            ],
            rows: leads.map { lead in
                let origin = sources[lead.id]
                return [
                    .integer(lead.id), .string(json ? lead.createdAt.rfc3339 : lead.createdAt.localMinute(in: timeZone)),
                    .text(lead.name), .text(lead.phone?.e164), .text(lead.email?.normalized),
                    .string(lead.stage.rawValue), .text(lead.owner), origin?.campaign.map(OutputValue.string) ?? none,
                    origin.map { .string($0.channel.rawValue) } ?? none, .text(lead.form), .text(lead.source),
                ]
            })
    }
}
