#if Server
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
public import LeadTrailImport
import Synchronization

/// Reads one lead object from Meta's Graph API (`GET {graph}/{leadgen_id}?fields=…`), the shape
/// `import forms --preset meta-lead-ads` reads (docs/presets.md §2).
///
/// The page access token travels in the `Authorization: Bearer` header, never in the URL, and is never part of a
/// failure's text.
public struct MetaGraphClient: Sendable {
    /// Meta's Graph API, the version the docs name.
    public static let defaultGraphURL = "https://graph.facebook.com/v19.0"
    /// The lead's fields the Leads preset reads.
    public static let fields =
        "id,created_time,field_data,ad_id,ad_name,adset_id,adset_name,campaign_id,campaign_name,form_id,"
        + "is_organic,platform"

    let base: URL
    let token: String
    let timeout: Double

    /// A client of `graphURL`: `https`, or plain `http` only to this machine (a stand-in in a test).
    public init(graphURL text: String, token: String, timeout: Double = 20) throws(MetaFetchError) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(),
            url.query == nil, url.fragment == nil
        else { throw MetaFetchError("--graph-url: expected a URL such as \(Self.defaultGraphURL), not '\(text)'") }
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw MetaFetchError(
                "--graph-url: use https (plain http only to 127.0.0.1 or localhost), not '\(text)': "
                    + "the token must not travel in clear")
        }
        guard !token.isEmpty else { throw MetaFetchError("the page access token is empty") }
        base = url
        self.token = token
        self.timeout = timeout
    }

    /// The lead object of `id`, or why it could not be had, in one line.
    public func lead(id: String) -> Result<JSONObject, MetaFetchError> {
        guard !id.isEmpty, id.utf8.count <= 64, id.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return .failure(MetaFetchError("not a Graph API lead id (digits only)"))
        }
        var components = URLComponents(url: base.appendingPathComponent(id), resolvingAgainstBaseURL: false)
        components?.queryItems = [URLQueryItem(name: "fields", value: Self.fields)]
        guard let url = components?.url else { return .failure(MetaFetchError("cannot make the Graph API URL")) }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")

        let answer = Mutex<Result<(status: Int, body: Data), MetaFetchError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let session = URLSession(configuration: .ephemeral)
        let task = session.dataTask(with: request) { data, response, error in
            let result: Result<(status: Int, body: Data), MetaFetchError>
            if let error {
                result = .failure(Self.networkFailure(error, host: url.host ?? "the Graph API"))
            } else if let http = response as? HTTPURLResponse {
                result = .success((http.statusCode, data ?? Data()))
            } else {
                result = .failure(MetaFetchError("no HTTP answer from \(url.host ?? "the Graph API")"))
            }
            answer.withLock { $0 = result }
            done.signal()
        }
        task.resume()
        done.wait()
        session.finishTasksAndInvalidate()
        guard let result = answer.withLock({ $0 }) else { return .failure(MetaFetchError("no answer")) }
        return result.flatMap { status, body in parse(status: status, body: body) }
    }

    /// A 2xx body as the lead object; anything else as the Graph API's own one-line error.
    func parse(status: Int, body: Data) -> Result<JSONObject, MetaFetchError> {
        let object = try? FormDelivery.object(json: Array(body))
        guard (200..<300).contains(status) else {
            var reason = "the Graph API answered \(status)"
            if case .object(let error)? = object?["error"], let message = error["message"]?.scalarText {
                reason += ": " + clean(message)
                if let code = error["code"]?.scalarText { reason += " (code \(clean(code)))" }
            }
            return .failure(MetaFetchError(reason))
        }
        guard let object else { return .failure(MetaFetchError("the Graph API's answer is not a JSON object")) }
        return .success(object)
    }

    /// Text from the remote side made one short line, with the token cut out should it ever be echoed.
    func clean(_ text: String) -> String {
        let line = text.replacingOccurrences(of: token, with: "…").split(whereSeparator: \.isNewline)
            .joined(separator: " ")
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }

    /// A transport failure in words (never Foundation's `NSURLErrorDomain error -1004`).
    static func networkFailure(_ error: any Error, host: String) -> MetaFetchError {
        guard let code = (error as? URLError)?.code else { return MetaFetchError("cannot reach \(host)") }
        switch code {
        case .timedOut: return MetaFetchError("\(host) did not answer in time")
        case .cannotConnectToHost, .networkConnectionLost: return MetaFetchError("cannot connect to \(host)")
        case .cannotFindHost, .dnsLookupFailed: return MetaFetchError("unknown host \(host)")
        case .notConnectedToInternet: return MetaFetchError("no network to reach \(host)")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return MetaFetchError("the TLS connection to \(host) failed")
        default: return MetaFetchError("cannot reach \(host) (network error \(code.rawValue))")
        }
    }
}

/// Why a Meta lead could not be fetched or written, in one line.
public struct MetaFetchError: Error, Sendable, CustomStringConvertible {
    public let description: String

    /// A reason in the user's words.
    public init(_ description: String) { self.description = description }
}
#endif
