#if Server
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore
import LeadTrailCore
import LeadTrailImport
import LeadTrailReports
import LeadTrailStore
import Logging

/// The routes of `leadtrail serve` and what each does.
struct Handlers: Sendable {
    let store: ServerStore
    let configuration: ServerConfiguration
    let logger: Logger
    let limiter: RateLimiter

    init(store: ServerStore, configuration: ServerConfiguration, logger: Logger) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        limiter = RateLimiter(perSecond: configuration.hookRatePerSecond)
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in try await health() }
        router.get("/r/:slug") { request, context in try await redirect(request, context) }
        router.on("/r/:slug", method: .head) { request, context in try await redirect(request, context) }
        router.get("/t.js") { _, _ in Snippet.response() }
        router.post("/t") { request, context in try await beacon(request, context) }
        router.get("/hooks/:source/:secret") { request, context in try await hookVerification(request, context) }
        router.post("/hooks/:source/:secret") { request, context in try await hook(request, context) }
        router.get("/api/reports/:kind") { request, context in try await reportAPI(request, context) }
        router.get("/api/leads") { request, context in try await leadsAPI(request, context) }
        router.post("/api/leads") { request, context in try await addLeadAPI(request, context) }
    }

    /// `GET /healthz`: `ok` when the database answers a cheap query, else 503 with the reason in one line; either
    /// way with the deliveries waiting in the inbox (`ok: 0 deliveries waiting in the inbox`).
    func health() async throws -> Response {
        let waiting = Inbox.waitingText(store.inbox.count)
        do {
            try await store.check()
            return text("ok: \(waiting)\n")
        } catch {
            let reason = ServerFailure.line(error)
            logger.error("health check failed: \(reason)")
            return text("unavailable: \(reason); \(waiting)\n", status: .serviceUnavailable)
        }
    }

    // MARK: Tracked links

    /// `GET|HEAD /r/{slug}`: 302 to the link's target with its UTM; a touch for a person's GET.
    func redirect(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        guard let slug = context.parameters.get("slug"), let link = try await store.link(slug: slug) else {
            return text("no such link\n", status: .notFound)
        }
        var clickIDs: [ClickID] = []
        let query = request.uri.queryParameters  // parsed once, not once per click id name
        for parameter in ClickID.parameters {
            if let value = query[Substring(parameter)], !value.isEmpty {
                clickIDs.append(ClickID(parameter: parameter, value: String(value)))
            }
        }
        let location = RedirectTarget.url(target: link.target, utm: link.utm, clickIDs: clickIDs)
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
        let counted = request.method == .get && !BotAgents.isBot(request.headers[.userAgent])
        if counted {
            let known = VisitorCookie.visitor(in: request)
            let visitor = known ?? Secrets.newVisitor()
            if known == nil { headers[.setCookie] = VisitorCookie.header(visitor, secure: isSecure(request)) }
            let referrer = request.headers[.referer]
            let clickID = clickIDs.first
            let touch = Touch(
                key: "link:" + Secrets.newVisitor(), at: .now(), visitor: visitor, url: location, utm: link.utm,
                clickID: clickID, referrer: referrer,
                channel: Channel.classify(utm: link.utm, referrer: referrer, clickID: clickID))
            _ = try await store.addTouch(touch, answeringWithin: configuration.clickWait)
        }
        return Response(status: .found, headers: headers)
    }

    /// Whether the visitor's connection is TLS: only a trusted proxy's `X-Forwarded-Proto: https` says so here.
    func isSecure(_ request: Request) -> Bool {
        guard configuration.trustProxy, let name = HTTPField.Name("X-Forwarded-Proto") else { return false }
        return request.headers[name]?.lowercased() == "https"
    }

    // MARK: Page snippet

    /// `POST /t`: a visit the snippet saw (`{"url", "referrer", "visitor"}`), recorded as a touch.
    func beacon(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let body = try await bodyBytes(request)
        let object: JSONObject
        do { object = try FormDelivery.object(json: body) } catch { return text("\(error)\n", status: .badRequest) }
        guard case .string(let url)? = object["url"], url.count <= 4096 else {
            return text("field 'url' is required\n", status: .badRequest)
        }
        // The page's own first-party cookie (sent in the body) names the visitor its forms carry; else ours.
        var visitor: String?
        if case .string(let given)? = object["visitor"], VisitorCookie.isValid(given) { visitor = given }
        if visitor == nil { visitor = VisitorCookie.visitor(in: request) }
        var headers: HTTPFields = [:]
        let id = visitor ?? Secrets.newVisitor()
        if visitor == nil { headers[.setCookie] = VisitorCookie.header(id, secure: isSecure(request)) }
        var referrer: String?
        if case .string(let given)? = object["referrer"], !given.isEmpty { referrer = String(given.prefix(4096)) }
        let tracked = TrackedURL(parsing: url)
        let touch = Touch(
            key: "beacon:" + Secrets.newVisitor(), at: .now(), visitor: id, url: url, utm: tracked.utm,
            clickID: tracked.clickID, referrer: referrer,
            channel: Channel.classify(utm: tracked.utm, referrer: referrer, clickID: tracked.clickID))
        _ = try await store.addTouch(touch, answeringWithin: configuration.clickWait)
        headers[.contentType] = "application/json"
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"visitor\":\"\(id)\"}\n")))
    }

    // MARK: Webhooks

    /// The source named in the path when the path's secret is its secret; else the refusal to answer.
    func authenticatedSource(_ context: BasicRequestContext) async throws -> Result<WebhookSource, HTTPError> {
        guard let name = context.parameters.get("source"), let secret = context.parameters.get("secret") else {
            return .failure(HTTPError(.notFound))
        }
        guard let source = try await store.webhookSource(name: name) else {
            return .failure(HTTPError(.notFound, message: "no such webhook source"))
        }
        guard Secrets.constantTimeEqual(Secrets.sha256(secret), source.secretSHA256) else {
            return .failure(HTTPError(.unauthorized, message: "bad webhook secret"))
        }
        if let option = source.blankSecretOption {
            // Kept before `hook add` refused an empty secret: with it, anyone could sign or pass the check.
            logger.warning("webhook source '\(source.name)' has an empty \(option): its deliveries are refused")
            return .failure(
                HTTPError(.forbidden, message: "this source has an empty \(option.dropFirst(2)): add it again with its secrets"))
        }
        guard limiter.allow(source.name) else {
            return .failure(
                HTTPError(
                    .tooManyRequests, headers: [.retryAfter: "1"],
                    message: "too many deliveries from this source: retry in a second"))
        }
        return .success(source)
    }

    /// `GET /hooks/{source}/{secret}`: Meta's subscription check (`hub.challenge` after `hub.verify_token`).
    func hookVerification(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let source = try await authenticatedSource(context).get()
        guard source.format == .meta else { return text("use POST\n", status: .methodNotAllowed) }
        let query = request.uri.queryParameters
        guard query["hub.mode"] == "subscribe", let token = query["hub.verify_token"],
            let expected = source.handshake, Secrets.constantTimeEqual(String(token), expected),
            let challenge = query["hub.challenge"]
        else { return text("verification failed\n", status: .forbidden) }
        return text(String(challenge))
    }

    /// `POST /hooks/{source}/{secret}`: one form submission, through `import forms`' preset and rules.
    func hook(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let source = try await authenticatedSource(context).get()
        let body = try await bodyBytes(request)
        switch source.format {
        case .tilda:
            if let type = BodyType.mediaType(request), type != BodyType.form {
                // Multipart or JSON read as form pairs would only say "email or phone is required".
                return text(
                    "this hook takes a form-encoded body (\(BodyType.form)), as Tilda sends it, not \(type)\n",
                    status: .unsupportedMediaType)
            }
            var object: JSONObject
            do { object = try FormEncoding.object(body, contentType: request.headers[.contentType]) } catch {
                let status: HTTPResponse.Status = error.unsupportedCharset ? .unsupportedMediaType : .unprocessableContent
                return text("invalid submission: \(error)\n", status: status)
            }
            if object.count == 1, object["test"] != nil { return text("ok") }
            promoteVisitor(&object)
            return try await deliver(object, preset: .tilda, source: source)
        case .json:
            var object: JSONObject
            switch BodyType.jsonObject(body, request) {
            case .success(let read): object = read
            case .failure(let refusal): return refusal.response
            }
            promoteVisitor(&object)
            return try await deliver(object, preset: .generic, source: source)
        case .vk:
            return try await vkHook(body, source: source)
        case .meta:
            return try await metaHook(request, body: body, source: source)
        }
    }

    /// VK Callback API: the body's `secret` must match; `confirmation` is answered with the configured string.
    func vkHook(_ body: [UInt8], source: WebhookSource) async throws -> Response {
        let object: JSONObject
        do { object = try FormDelivery.object(json: body) } catch { return text("\(error)\n", status: .badRequest) }
        if let expected = source.sharedSecret {
            let given = object["secret"]?.scalarText ?? ""
            guard Secrets.constantTimeEqual(given, expected) else { return text("bad secret\n", status: .unauthorized) }
        }
        if object["type"]?.scalarText == "confirmation" { return text(source.handshake ?? "") }
        guard object["type"]?.scalarText == "lead_forms_new" else { return text("ok") }
        var lead = object
        lead.remove("secret")
        let response = try await deliver(lead, preset: .vkLeadForms, source: source)
        return response.status == .ok ? text("ok") : response
    }

    /// Meta Lead Ads: the raw body signed with the app secret; each `leadgen_id` kept to be fetched later.
    func metaHook(_ request: Request, body: [UInt8], source: WebhookSource) async throws -> Response {
        guard let name = HTTPField.Name("X-Hub-Signature-256"),
            Secrets.validSignature(request.headers[name], body: body, key: source.sharedSecret ?? "")
        else { return text("bad signature\n", status: .unauthorized) }
        let object: JSONObject
        do { object = try FormDelivery.object(json: body) } catch { return text("\(error)\n", status: .badRequest) }
        guard case .array(let entries)? = object["entry"] else { return text("field 'entry' is required\n", status: .badRequest) }
        var leads: [QueuedDelivery.MetaLeadgen] = []
        for case .object(let entry) in entries {
            guard case .array(let changes)? = entry["changes"] else { continue }
            for case .object(let change) in changes {
                guard change["field"]?.scalarText == "leadgen", case .object(let value)? = change["value"],
                    let id = value["leadgen_id"]?.scalarText, !id.isEmpty
                else { continue }
                leads.append(
                    QueuedDelivery.MetaLeadgen(
                        id: id, pageID: value["page_id"]?.scalarText, formID: value["form_id"]?.scalarText,
                        adID: value["ad_id"]?.scalarText))
            }
        }
        guard !leads.isEmpty else { return text("ok") }
        let delivery = QueuedDelivery(source: source.name, receivedAt: .now(), content: .metaLeadgen(leads))
        switch try await store.deliver(delivery, answeringWithin: configuration.deliveryWait) {
        case .written: return text("ok")
        case .queued: return text(Self.queued)
        }
    }

    /// A page's hidden `leadtrail_visitor` field is the visitor, unless the record names one itself.
    func promoteVisitor(_ object: inout JSONObject) {
        guard object["visitor"] == nil, let value = object["leadtrail_visitor"]?.scalarText, !value.isEmpty else { return }
        object.remove("leadtrail_visitor")
        object.set("visitor", .string(value))
    }

    /// The body of a webhook's 200 when its delivery was kept in the inbox: senders take any 200 as delivered.
    static let queued = "queued: kept in the inbox, written when the database is free\n"

    /// A submission checked at once (422 when invalid, whatever the database is doing), then written: answered
    /// after its commit, or as `queued` when it was kept in the inbox instead.
    func deliver(_ object: JSONObject, preset: FormPreset, source: WebhookSource) async throws -> Response {
        do {
            guard let delivery = try store.submission(object, preset: preset, source: source.name) else {
                return text("ok\n")
            }
            switch try await store.deliver(delivery, answeringWithin: configuration.deliveryWait) {
            case .queued: return text(Self.queued)
            case .written(.form(.written(let outcome), _)): return text(outcome == .duplicate ? "duplicate\n" : "ok\n")
            case .written(.form(.alreadyKept, _)): return text("already received\n")
            case .written: return text("ok\n")
            }
        } catch let error as RecordError {
            return text("invalid submission: \(error)\n", status: .unprocessableContent)
        }
    }

    // MARK: Report API

    func reportAPI(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try await APIAuth.require(.read, request: request, store: store)
        guard let kindText = context.parameters.get("kind"), let kind = ReportKind(rawValue: kindText) else {
            return text("no such report: use attribution, roas, funnel or models\n", status: .notFound)
        }
        let options: ReportOptions
        do {
            let query = request.uri.queryParameters
            try ReportQuery.refuseUnknown(query, known: kind.parameters)
            options = try ReportQuery.options(query, settings: store.settings)
        } catch {
            return text("\(error)\n", status: .badRequest)
        }
        do { return json(try await store.report(kind, options: options)) } catch let error as ReportSumError {
            return text("\(error)\n", status: .unprocessableContent)
        } catch let error as MissingExchangeRate {
            return text("\(error)\n", status: .unprocessableContent)
        }
    }

    /// `GET /api/leads`: `lead list --format json` with the same filters, as query parameters named like its
    /// options (`search`, `from`, `to`, `stage` (repeatable), `owner`, `campaign`, `channel`, `limit`, `all`), and
    /// the same 50 newest unless `limit` or `all` says otherwise; `X-More-Leads: true` when some were left out.
    func leadsAPI(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try await APIAuth.require(.read, request: request, store: store)
        let query = request.uri.queryParameters
        func parameter(_ name: String) -> String? { query[Substring(name)].map(String.init) }
        let listing: LeadListRequest
        do {
            do {
                try ReportQuery.refuseUnknown(
                    query, known: ["search", "from", "to", "stage", "owner", "campaign", "channel", "limit", "all"],
                    repeatable: ["stage"])
            } catch { throw LeadListRequest.Refusal(description: error.description) }
            func date(_ name: String) throws -> CalendarDate? {
                guard let given = parameter(name) else { return nil }
                do { return try CalendarDate(parsing: given) } catch {
                    throw LeadListRequest.Refusal(description: "\(name): \(error)")
                }
            }
            var stages: [Stage] = []
            for given in query[values: "stage"] {
                guard let stage = Stage(rawValue: given.lowercased()) else {
                    throw LeadListRequest.Refusal(description: "unknown stage '\(given)'")
                }
                stages.append(stage)
            }
            let all = try parameter("all").map { given in
                guard let flag = Bool(given.lowercased()) else {
                    throw LeadListRequest.Refusal(description: "all must be true or false, not '\(given)'")
                }
                return flag
            }
            listing = try LeadListRequest(
                search: parameter("search"), from: try date("from"), to: try date("to"), stages: stages, owner: parameter("owner"),
                campaign: parameter("campaign"), channel: parameter("channel"), limit: parameter("limit"), all: all ?? false,
                timeZone: store.settings.timeZone, name: { $0 })
        } catch let refusal as LeadListRequest.Refusal {
            return text("\(refusal)\n", status: .badRequest)
        }
        let (body, more) = try await store.leads(listing)
        var response = json(body)
        if more, let name = HTTPField.Name("X-More-Leads") { response.headers[name] = "true" }
        return response
    }

    /// `POST /api/leads` (write scope): a generic forms record, as the `json` webhook takes it.
    func addLeadAPI(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let token = try await APIAuth.require(.write, request: request, store: store)
        let body = try await bodyBytes(request)
        var object: JSONObject
        switch BodyType.jsonObject(body, request) {
        case .success(let read): object = read
        case .failure(let refusal): return refusal.response
        }
        promoteVisitor(&object)
        let answer: Inbox.Answer
        do {
            guard let delivery = try store.submission(object, preset: .generic, source: "api " + token.name, findsLead: true)
            else { return json("{\"lead\":null,\"outcome\":\"not_a_lead\"}\n") }
            answer = try await store.deliver(delivery, answeringWithin: configuration.deliveryWait)
        } catch let error as RecordError {
            return text("invalid submission: \(error)\n", status: .unprocessableContent)
        }
        guard case .written(.form(let written, let leadID)) = answer else {
            // Kept in the inbox: accepted, its lead not known yet.
            var response = json("{\"lead\":null,\"outcome\":\"queued\"}\n")
            response.status = .accepted
            return response
        }
        let delivered = (outcome: written, lead: leadID)
        // What a CRM needs to link its record: the lead, and whether this made it or repeated one.
        let outcome =
            switch delivered.outcome {
            case .written(.imported): "created"
            case .written(.duplicate): "repeat"
            case .written(.updated): "updated"
            case .written(.skipped), .alreadyKept: "already_received"
            case .notALead: "not_a_lead"
            }
        let lead = delivered.lead.map(String.init) ?? "null"
        return json("{\"lead\":\(lead),\"outcome\":\"\(outcome)\"}\n")
    }

    // MARK: Helpers

    /// The body, at most `maxBodyBytes` (else Hummingbird answers 413).
    func bodyBytes(_ request: Request) async throws -> [UInt8] {
        do {
            let buffer = try await request.body.collect(upTo: configuration.maxBodyBytes)
            return Array(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw HTTPError(
                .contentTooLarge, message: "the body is over \(configuration.maxBodyBytes) bytes (--max-body-bytes)")
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            // The body stopped coming (the read timeout closed the connection): the client's doing, not a 500.
            throw HTTPError(.requestTimeout, message: "the body did not arrive in time")
        }
    }
}

/// A plain-text response.
func text(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status, headers: [.contentType: "text/plain; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
}

/// A JSON response.
func json(_ body: String) -> Response {
    Response(
        status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
}
#endif
