#if Server
import HTTPTypes
import Hummingbird

/// Refuses a request whose declared `Content-Length` is over the body limit with 413 at once, before any route
/// waits for a body it would refuse anyway (a body without a length is still cut at the limit as it is read).
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if let declared = request.headers[.contentLength] {
            // A length too long for an Int is over any limit too.
            guard let length = Int(declared), length >= 0 else {
                throw HTTPError(declared.allSatisfy(\.isNumber) ? .contentTooLarge : .badRequest)
            }
            if length > maxBodyBytes {
                throw HTTPError(.contentTooLarge, message: "the body is over \(maxBodyBytes) bytes (--max-body-bytes)")
            }
        }
        return try await next(request, context)
    }
}
#endif
