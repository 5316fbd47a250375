import ArgumentParser

/// `leadtrail nonexist --help`: ArgumentParser answers a help request by printing the nearest known command's help
/// and exiting 0, which reads as if `nonexist` existed. Any word on the command path that names no subcommand is
/// refused instead, help or not.
enum UnknownCommand {
    /// The unknown command path (`report nonexist`), or nil when every word before the first option names a command.
    static func find(in arguments: [String], root: any ParsableCommand.Type) -> String? {
        var command = root
        var path: [String] = []
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("-") { return nil }
            // `leadtrail help report roas` asks for the help of the path that follows.
            if index == 0 && argument == "help" { continue }
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            path.append(argument)
            guard
                let next = subcommands.first(where: {
                    $0._commandName == argument || $0.configuration.aliases.contains(argument)
                })
            else { return path.joined(separator: " ") }
            command = next
        }
        return nil
    }
}
