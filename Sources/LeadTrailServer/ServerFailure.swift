#if Server
import Foundation
import Hummingbird
import LeadTrailStore
import NIOCore

/// A request the server could not complete for a reason of its own (the database failed, most often): logged as
/// one line at error level, answered 500 with a body that says so.
enum ServerFailure {
    /// The error as one line for the log: the store's own message (`database 127.0.0.1:5432/leads: the connection to
    /// the server was lost`), every URL's password hidden, at most 300 characters.
    static func line(_ error: any Error) -> String {
        let text = DatabaseLocation.redacting(String(describing: error))
        let words = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let joined = words.filter { !$0.isEmpty }.joined(separator: " ")
        return joined.count > 300 ? String(joined.prefix(299)) + "…" : joined
    }

    /// The answer: nothing it did was committed, so the client may send it again.
    static var response: Response {
        text(
            "server error: the request was not completed (the server's log says why); send it again later\n",
            status: .internalServerError)
    }
}
#endif
