#if Server
public import ArgumentParser
import LeadTrailCore
import LeadTrailReports
import LeadTrailServer
public import LeadTrailStore

extension WebhookSource.Format: ExpressibleByArgument {}

/// `leadtrail hook add|list|rotate|remove`: form webhook sources; the URL's secret is printed once and stored hashed.
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook", abstract: "Form webhooks: /hooks/SOURCE/SECRET for Tilda, JSON, VK and Meta.",
        subcommands: [Add.self, List.self, Rotate.self, Remove.self, FetchMeta.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a webhook source and print its URL path once (the secret is not kept).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The source's name, the path segment after /hooks/.") var name: String
        @Option(help: "The body it sends: tilda, json, vk or meta.") var format: WebhookSource.Format
        @Option(help: "VK: the confirmation string VK expects back.") var vkConfirmation: String?
        @Option(help: "VK: the Callback API secret key sent in each event.") var vkSecret: String?
        @Option(help: "Meta: the verify token of the subscription.") var metaVerifyToken: String?
        @Option(help: "Meta: the app secret that signs X-Hub-Signature-256.") var metaAppSecret: String?

        /// Refuses an option the format does not use (`--format json --meta-app-secret …`), as reports refuse theirs:
        /// a secret given for nothing would be silently dropped.
        func validate() throws {
            let given: [(option: String, value: String?, format: WebhookSource.Format)] = [
                ("--vk-confirmation", vkConfirmation, .vk), ("--vk-secret", vkSecret, .vk),
                ("--meta-verify-token", metaVerifyToken, .meta), ("--meta-app-secret", metaAppSecret, .meta),
            ]
            for (option, value, user) in given where value != nil && user != format {
                throw ValidationError("hook add --format \(format.rawValue) does not use \(option): leave it out")
            }
            // An empty app secret signs with a key anyone knows; an empty token or secret matches a request without one.
            for (option, value, _) in given {
                if let value, WebhookSource.isBlank(value) {
                    throw ValidationError("\(option) is empty: give the value from the platform's settings")
                }
            }
        }

        func run() throws {
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
            guard !name.isEmpty, name.count <= 64, name.allSatisfy(allowed.contains) else {
                throw CommandError("SOURCE: use 1 to 64 letters, digits, '-' or '_', not '\(name)'")
            }
            var handshake: String?
            var shared: String?
            switch format {
            case .vk:
                guard let vkConfirmation else { throw CommandError("--vk-confirmation is required for --format vk") }
                handshake = vkConfirmation
                shared = vkSecret
            case .meta:
                guard let metaVerifyToken, let metaAppSecret else {
                    throw CommandError("--meta-verify-token and --meta-app-secret are required for --format meta")
                }
                handshake = metaVerifyToken
                shared = metaAppSecret
            case .tilda, .json: break
            }
            let session = try Session(store)
            let secret = Secrets.newToken()
            try session.store.addWebhookSource(
                WebhookSource(
                    name: name, format: format, secretSHA256: Secrets.sha256(secret), handshake: handshake,
                    sharedSecret: shared, createdAt: .now()))
            emit("/hooks/\(name)/\(secret)\n")
            warn("This URL path is shown once: put it after your server's address in \(format.rawValue)'s settings.")
        }
    }

    /// A URL that leaked (a contractor saw the form's settings) is replaced: the old path is refused from the next
    /// request, the source keeps its name, format and the platform's own secrets.
    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: "Give a webhook source a new URL secret and print the new path once; the old one stops working.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The source's name (see 'hook list').") var name: String

        func run() throws {
            let session = try Session(store)
            // A source kept with an empty platform secret (added before `hook add` refused one) is refused by the
            // server anyway: renewing its URL would only hide that.
            if let source = try session.store.webhookSources().first(where: { $0.name == name }),
                let option = source.blankSecretOption
            {
                throw CommandError(
                    "webhook source '\(name)' has an empty \(option): remove it ('hook remove \(name)') and add it "
                        + "again with the platform's secrets")
            }
            let secret = Secrets.newToken()
            try session.store.replaceWebhookSecret(name: name, sha256: Secrets.sha256(secret))
            emit("/hooks/\(name)/\(secret)\n")
            warn("The old URL path is refused from now on; put this one in the platform's settings (it is shown once).")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove a webhook source: its URL is refused from now on; the leads it brought stay.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The source's name (see 'hook list').") var name: String

        func run() throws {
            try Session(store).store.removeWebhookSource(name: name)
            emit("Webhook source '\(name)' removed (its leads stay; 'leadtrail imports list' shows their batches)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List webhook sources (never their secrets).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let session = try Session(store)
            let json = output.format == .json
            let zone = session.settings.timeZone
            let listing = Listing(
                columns: ["name", "format", Listing.localTimeColumn("created_at", in: zone, json: json)],
                rows: try session.store.webhookSources().map { source in
                    [
                        .string(source.name), .string(source.format.rawValue),
                        OutputValue.localTime(source.createdAt, in: zone, json: json),
                    ]
                })
            emit(listing.rendered(as: output.format.format))
        }
    }
}
#endif
