#if Server
import Foundation
import Hummingbird
import Logging

/// One info line per request: method, path (never the query string, which may carry a token), status, time; an
/// error line with the reason when the server failed the request (500).
///
/// Webhook paths end in their secret and a path may carry a token in any shape, so the path is logged as
/// ``LoggedPath`` redacts it (`/hooks/{source}/…`).
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        let path = LoggedPath.redacted(request.uri.path)
        do {
            let response = try await next(request, context)
            log(request, path: path, status: response.status.code, since: start)
            return response
        } catch let error as any HTTPResponseError {
            log(request, path: path, status: error.status.code, since: start)
            throw error
        } catch {
            // The one line that says why: a 500 with an empty body and `… 500` in the log explained nothing.
            log(request, path: path, status: 500, since: start, failure: ServerFailure.line(error))
            return ServerFailure.response
        }
    }

    private func log(
        _ request: Request, path: String, status: Int, since start: ContinuousClock.Instant, failure: String? = nil
    ) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        let line = "\(request.method.rawValue) \(path) \(status) \(String(format: "%.1f", milliseconds))ms"
        if let failure { logger.error("\(line): \(failure)") } else { logger.info("\(line)") }
    }
}
#endif
