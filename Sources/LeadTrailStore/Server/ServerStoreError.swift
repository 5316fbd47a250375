/// Why the store refused a link, token or webhook request, in words a user can act on.
public enum ServerStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case linkExists(String)
    case tokenExists(String)
    case hookExists(String)
    case unknownToken(String)
    case unknownHook(String)

    public var description: String {
        switch self {
        case .linkExists(let slug): "a link with slug '\(slug)' exists already: choose another slug"
        case .tokenExists(let name): "a token named '\(name)' exists already: choose another name"
        case .hookExists(let name):
            "a webhook source named '\(name)' exists already: choose another name, or give it a new secret with "
                + "'leadtrail hook rotate \(name)'"
        case .unknownToken(let name): "no token named '\(name)' (see 'leadtrail token list')"
        case .unknownHook(let name): "no webhook source named '\(name)' (see 'leadtrail hook list')"
        }
    }
}
