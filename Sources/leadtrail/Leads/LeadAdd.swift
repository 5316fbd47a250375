import ArgumentParser
import LeadTrailCore
import LeadTrailStore
import LeadTrailReports

extension LeadCommand {
    /// `lead add`: a lead from a call or a message, in one command.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Log a lead. A request from a person whose lead is younger than the duplicate window is "
                + "recorded on that lead instead.")

        @OptionGroup var options: StoreOptions
        @Option(help: "The person's name.") var name: String?
        @Option(help: "Phone in any common form: 8 (916) 123-45-67, +7 916 123 45 67.") var phone: String?
        @Option(help: "Email address.") var email: String?
        @Option(help: "The form or channel the request came by: \"phone call\", \"Заявка на курс\".") var form: String?
        @Option(help: "Where the person came from, in your words.") var source: String?
        @Option(help: "The sales rep who owns the lead.") var owner: String?
        @Option(help: "The visitor id (site cookie, platform user) that links the lead to its clicks.") var visitor: String?
        @Option(name: .customLong("external-id"), help: "The lead's id in another system.") var externalID: String?
        @Option(name: .customLong("field"), help: "A free-form field, KEY=VALUE; repeatable.") var fields: [String] = []
        @Option(help: "When the person asked (2026-10-01 12:30, or with an offset); now by default.") var at: String?
        @Option(help: "Who logs the lead.") var by: String?
        @OptionGroup var marketing: MarketingOptions
        @Option(help: "table (a sentence) or json (the lead made or repeated, as 'lead show --format json' prints it).")
        var format: OutputFormatArgument = .table

        func validate() throws {
            guard format != .csv else { throw ValidationError("lead add prints --format table or json, not csv") }
        }

        func run() throws {
            let session = try Session(options)
            let email = try email.map { value throws(LeadTrailCore.ValidationError) in try Email(parsing: value) }
            let phone = try phone.map { value throws(LeadTrailCore.ValidationError) in try Phone(parsing: value) }
            guard email != nil || phone != nil else {
                throw CommandError("a lead needs a --phone or an --email to reach the person")
            }
            let createdAt = try session.time(at)
            var pairs: [(String, OutputValue)] = []
            for field in fields {
                guard let equals = field.firstIndex(of: "="), equals != field.startIndex else {
                    throw CommandError("--field '\(field)': expected KEY=VALUE")
                }
                pairs.append((String(field[..<equals]), .string(String(field[field.index(after: equals)...]))))
            }
            let tracked = marketing.tracked
            let visitorID = visitor.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
            let context = RequestContext(
                key: "lead-add:" + ContentHash.of([
                    String(createdAt.microseconds), visitorID, email?.normalized, phone?.e164, marketing.url,
                ]),
                url: marketing.url, utm: tracked.utm, clickID: tracked.clickID, referrer: marketing.referrerValue)
            let request = NewLead(
                createdAt: createdAt, name: name?.trimmingWhitespace(), email: email, phone: phone, form: form,
                source: source, owner: try personName(owner, option: "--owner"), externalID: externalID,
                fieldsJSON: pairs.isEmpty ? nil : OutputValue.object(pairs).json, visitor: visitorID, context: context,
                createdBy: try personName(by, option: "--by"))
            let addition = try session.store.addLead(request)
            if format == .json {
                let detail = try session.store.leadDetail(id: addition.leadID)
                let outcome: OutputValue = .string(addition == .created(leadID: addition.leadID) ? "created" : "repeat")
                emit(OutputValue.object([("outcome", outcome)] + Show.fields(detail)).prettyJSON + "\n")
                return
            }
            switch addition {
            case .created(let id): emit("Lead \(id) created\n")
            case .duplicate(let id):
                emit("Lead \(id): the same person asked within \(session.settings.duplicateWindowDays) days; "
                    + "recorded as a repeat request on it\n")
            }
        }
    }
}
