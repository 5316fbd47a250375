/// Where the data lives: `--db`, else `$LEADTRAIL_DB`, else `./leadtrail.sqlite`.
///
/// A `postgres://` URL selects PostgreSQL, the shared store for teams; anything else is a SQLite file path.
public enum DatabaseLocation: Hashable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// The default file in the current folder.
    public static let defaultPath = "leadtrail.sqlite"

    /// Chooses the location from the option, then the environment, then the default.
    public init(option: String?, environment: [String: String]) {
        let text = option ?? environment["LEADTRAIL_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultPath
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url
        }
    }
}
