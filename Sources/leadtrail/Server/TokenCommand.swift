#if Server
public import ArgumentParser
import LeadTrailCore
import LeadTrailReports
import LeadTrailServer
public import LeadTrailStore

extension APIToken.Scope: ExpressibleByArgument {}

/// `leadtrail token add|list|remove`: bearer tokens of the report API, printed once and stored as SHA-256.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "API tokens for leadtrail serve's /api and dashboard.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a token and print it once.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "A name to tell the token by.") var name: String
        @Option(help: "read (reports, leads) or write (also adds leads).") var scope: APIToken.Scope

        func run() throws {
            guard !name.trimmingWhitespace().isEmpty, name.count <= 64 else {
                throw CommandError("NAME: give 1 to 64 characters")
            }
            let session = try Session(store)
            let token = Secrets.newToken()
            try session.store.addToken(
                APIToken(name: name, scope: scope, sha256: Secrets.sha256(token), createdAt: .now()))
            emit(token + "\n")
            warn("This token is shown once; only its SHA-256 is kept.")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove a token: a running server refuses it from its next request.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The token's name (see 'token list').") var name: String

        func run() throws {
            try Session(store).store.removeToken(name: name)
            emit("Token '\(name)' removed\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List tokens (names and scopes only).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let session = try Session(store)
            let json = output.format == .json
            let zone = session.settings.timeZone
            let listing = Listing(
                columns: ["name", "scope", Listing.localTimeColumn("created_at", in: zone, json: json)],
                rows: try session.store.tokens().map { token in
                    [
                        .string(token.name), .string(token.scope.rawValue),
                        OutputValue.localTime(token.createdAt, in: zone, json: json),
                    ]
                })
            emit(listing.rendered(as: output.format.format))
        }
    }
}
#endif
