#if Server
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore
import NIOCore

/// `GET /`: the summary page of a chosen period, live, with a period picker and each report as CSV; `GET /login`
/// and `GET /logout`; `GET /reports/{kind}.csv`.
///
/// A read token (or a write one) opens it, from the `lt_token` cookie `/login?token=…` sets or an
/// `Authorization: Bearer` header. The login answers `302` to the fixed path `/`, never to a URL from the request.
struct Dashboard: Sendable {
    let store: ServerStore
    let reader: DashboardReader
    let configuration: ServerConfiguration

    /// How long the login cookie lasts: 30 days.
    static let cookieMaxAge = 30 * 24 * 60 * 60

    init(store: ServerStore, configuration: ServerConfiguration) throws {
        self.store = store
        self.configuration = configuration
        reader = try DashboardReader(open: configuration.openStore)
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try await page(request) }
        router.get("/login") { request, _ in try await login(request) }
        router.get("/logout") { request, _ in logout(request) }
        router.get("/reports/:file") { request, context in try await csv(request, context) }
    }

    /// `GET /`: the dashboard for `from`/`to`/`model` (this month by default), or the login page with 401.
    func page(_ request: Request) async throws -> Response {
        switch try await authorization(request) {
        case .missing: return html(DashboardPage.login(message: nil), status: .unauthorized)
        case .unknown:
            return html(
                DashboardPage.login(message: "That token is not known here: sign in again."), status: .unauthorized,
                cookie: Self.cookie("", maxAge: 0, secure: isSecure(request)))
        case .known: break
        }
        let options: ReportOptions
        do { options = try ReportQuery.options(request.uri.queryParameters, settings: reader.settings) } catch {
            return html(DashboardPage.refusal("\(error)"), status: .badRequest)
        }
        do {
            let body = try await reader.summaryHTML(
                options, above: DashboardPage.header(options), style: DashboardPage.style)
            return html(body)
        } catch let error as ReportSumError {
            return html(DashboardPage.refusal("\(error)"), status: .unprocessableContent)
        } catch let error as MissingExchangeRate {
            return html(DashboardPage.refusal("\(error)"), status: .unprocessableContent)
        }
    }

    /// `GET /login?token=…`: a known token is set in an `HttpOnly` cookie and answered `302` to `/`.
    func login(_ request: Request) async throws -> Response {
        guard let given = request.uri.queryParameters["token"], !given.isEmpty else {
            return html(DashboardPage.login(message: nil))
        }
        let token = String(given)
        // Only a token `token add` could have made goes into a cookie; anything else is simply not known.
        let cookieSafe =
            token.utf8.count <= 256 && token.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == 0x2D || $0 == 0x5F }
        guard cookieSafe, try await store.token(sha256: Secrets.sha256(token)) != nil else {
            return html(
                DashboardPage.login(message: "That token is not known here."), status: .unauthorized)
        }
        var headers: HTTPFields = [.location: "/", .cacheControl: "no-store"]
        headers[.setCookie] = Self.cookie(token, maxAge: Self.cookieMaxAge, secure: isSecure(request))
        return Response(status: .found, headers: headers)
    }

    /// `GET /logout`: the cookie is cleared and the browser sent to the login page.
    func logout(_ request: Request) -> Response {
        var headers: HTTPFields = [.location: "/login", .cacheControl: "no-store"]
        headers[.setCookie] = Self.cookie("", maxAge: 0, secure: isSecure(request))
        return Response(status: .found, headers: headers)
    }

    /// `GET /reports/{attribution|roas|funnel|models}.csv`: what `report … --format csv` prints for the query, in
    /// the configured `csv-dialect` (`config set csv-dialect excel-ru`) unless `?csv-dialect=` names another.
    func csv(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try await APIAuth.require(.read, request: request, store: store)
        guard let file = context.parameters.get("file"), file.hasSuffix(".csv"),
            let kind = ReportKind(rawValue: String(file.dropLast(4)))
        else {
            return text(
                "no such report: use attribution.csv, roas.csv, funnel.csv or models.csv\n", status: .notFound)
        }
        let options: ReportOptions
        let dialect: CSVDialect?
        do {
            let query = request.uri.queryParameters
            try ReportQuery.refuseUnknown(query, known: kind.parameters.union(["csv-dialect"]))
            options = try ReportQuery.options(query, settings: reader.settings)
            dialect = try query["csv-dialect"].map { given in
                guard let dialect = CSVDialect(parsing: String(given)) else {
                    throw ReportQuery.Invalid(description: "csv-dialect: use rfc4180 (standard) or excel-ru, not '\(given)'")
                }
                return dialect
            }
        } catch {
            return text("\(error)\n", status: .badRequest)
        }
        let body: String
        do { body = try await reader.csv(kind, options: options, dialect: dialect) } catch let error as ReportSumError {
            return text("\(error)\n", status: .unprocessableContent)
        } catch let error as MissingExchangeRate {
            return text("\(error)\n", status: .unprocessableContent)
        }
        var headers: HTTPFields = [.contentType: "text/csv; charset=utf-8", .cacheControl: "no-store"]
        headers[.contentDisposition] =
            #"attachment; filename="\#(kind.rawValue)-\#(options.from)-\#(options.to).csv""#
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    enum Authorization {
        case missing, unknown, known
    }

    /// Whether the request carries a token (cookie or bearer) and whether it is one of ours.
    func authorization(_ request: Request) async throws -> Authorization {
        guard APIAuth.presentedToken(request) != nil else { return .missing }
        do {
            _ = try await APIAuth.require(.read, request: request, store: store)
            return .known
        } catch let error as HTTPError where error.status == .unauthorized {
            return .unknown
        }
    }

    /// The `lt_token` cookie: `HttpOnly`, `SameSite=Lax`, the whole site, `Secure` behind TLS.
    static func cookie(_ value: String, maxAge: Int, secure: Bool) -> String {
        "\(APIAuth.cookieName)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax"
            + (secure ? "; Secure" : "")
    }

    /// Whether the browser's connection is TLS: only a trusted proxy's `X-Forwarded-Proto: https` says so here.
    func isSecure(_ request: Request) -> Bool {
        guard configuration.trustProxy, let name = HTTPField.Name("X-Forwarded-Proto") else { return false }
        return request.headers[name]?.lowercased() == "https"
    }

    /// An HTML page that is never cached, framed or allowed to run a script.
    func html(_ body: String, status: HTTPResponse.Status = .ok, cookie: String? = nil) -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
            .contentSecurityPolicy:
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ]
        if let name = HTTPField.Name("X-Content-Type-Options") { headers[name] = "nosniff" }
        if let name = HTTPField.Name("Referrer-Policy") { headers[name] = "no-referrer" }
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

extension UInt8 {
    /// An ASCII letter or digit.
    fileprivate var isASCIIAlphanumeric: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }
}
#endif
