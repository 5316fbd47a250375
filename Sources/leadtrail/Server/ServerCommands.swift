import ArgumentParser

extension LeadTrailCommand {
    /// The commands of the `Server` trait (`swift build --traits Server`): none in a build without it.
    static var serverCommands: [any ParsableCommand.Type] {
        #if Server
        [ServeCommand.self, LinkCommand.self, HookCommand.self, TokenCommand.self]
        #else
        []
        #endif
    }
}
