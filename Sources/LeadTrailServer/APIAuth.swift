#if Server
import Hummingbird
import LeadTrailStore

/// Bearer tokens of the report API: `Authorization: Bearer …`, else the dashboard's `lt_token` cookie.
enum APIAuth {
    static let cookieName = "lt_token"

    /// The token of the request when it may do `scope`; 401 without a known token, 403 when a read token writes.
    static func require(_ scope: APIToken.Scope, request: Request, store: ServerStore) async throws -> APIToken {
        guard let presented = presentedToken(request), let token = try await store.token(sha256: Secrets.sha256(presented))
        else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "a valid API token is required")
        }
        if scope == .write && token.scope != .write {
            throw HTTPError(.forbidden, message: "token '\(token.name)' may only read")
        }
        return token
    }

    static func presentedToken(_ request: Request) -> String? {
        // The scheme is case-insensitive (RFC 7235 §2.1): `bearer TOKEN` is `Bearer TOKEN`.
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return String(parts[1].drop { $0 == " " })
            }
        }
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let cookie = part.drop { $0 == " " }
                if cookie.hasPrefix(cookieName + "=") { return String(cookie.dropFirst(cookieName.count + 1)) }
            }
        }
        return nil
    }
}
#endif
