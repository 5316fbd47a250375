import ArgumentParser
import Foundation
import LeadTrailStore
import Logging

/// `leadtrail`: follow a customer from the ad click to the lead, the deal and the revenue.
@main
struct LeadTrailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadtrail",
        abstract: "Lead attribution: which campaigns bring the leads, the deals and the money.",
        discussion: """
            The database is --db, else $LEADTRAIL_DB, else ./leadtrail.sqlite. Times without an offset are read \
            in the configured time zone; money is exact decimal text in major units (12500.00, or 12500,50 and \
            12 500,50 with a decimal comma; 12,500 reads two ways and is refused).
            """,
        version: LeadTrailVersion.text,
        subcommands: [
            Init.self, Demo.self, Config.self, CampaignCommand.self, TouchCommand.self, LeadCommand.self,
            DealCommand.self,
            SpendCommand.self, RateCommand.self, ImportCommand.self, ImportsCommand.self, ReportCommand.self,
            GoalCommand.self, ExportCommand.self,
            Migrate.self,
        ] + serverCommands
    )

    /// Lets `--db PATH` stand before the subcommand too (`leadtrail --db x.sqlite lead list`) by moving it after
    /// the subcommand path, where every command's own `--db` option reads it.
    static func reorderingDatabaseOption(_ arguments: [String]) -> [String] {
        var rest = arguments
        var moved: [String] = []
        while let first = rest.first, first.hasPrefix("--db") {
            if first == "--db", rest.count >= 2 {
                moved += rest.prefix(2)
                rest.removeFirst(2)
            } else if first.hasPrefix("--db=") {
                moved.append(first)
                rest.removeFirst()
            } else {
                break
            }
        }
        return rest + moved
    }

    static func main() {
        // Ctrl-C must stop a command even when the parent started it with the signal blocked (as some launchers
        // do): an interrupted write rolls back, so the database stays as it was.
        var interrupts = sigset_t()
        sigemptyset(&interrupts)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&interrupts, signal) }
        pthread_sigmask(SIG_UNBLOCK, &interrupts, nil)
        // Diagnostics go to stderr at warning level unless LEADTRAIL_LOG asks for more (info, debug, trace).
        let level = StoreLogger.level
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let arguments = reorderingDatabaseOption(Array(CommandLine.arguments.dropFirst()))
        if let unknown = UnknownCommand.find(in: arguments, root: LeadTrailCommand.self) {
            FileHandle.standardError.write(Data("Error: unknown command '\(unknown)' (see 'leadtrail --help')\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            try CSVDialectChoice.run(&command)
        } catch {
            let error = SQLiteStore.explained(error)
            let code = exitCode(for: error)
            // Help and version requests print as ArgumentParser writes them.
            guard code != .success else { exit(withError: error) }
            // Every error is one line on stderr (the SPEC): ArgumentParser's usage and help lines are left out.
            let lines = message(for: error).split(whereSeparator: \.isNewline).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            var text = ""
            for line in lines where !line.isEmpty && !line.hasPrefix("Usage:") && !line.hasPrefix("See '") {
                if line.hasPrefix("Help:") { continue }
                if line.hasPrefix("- ") {
                    text += (text.hasSuffix(":") ? " " : ", ") + line.dropFirst(2)
                } else {
                    text += (text.isEmpty ? "" : " ") + line
                }
            }
            // A negative number where a value is expected reads as an option (`deal add 4 -5 RUB`: "Unknown option
            // '-5'", `deal refund 1 -5`: "Missing expected argument"): say what it is instead.
            if code == .validationFailure,
                text.hasPrefix("Unknown option '-") || text.hasPrefix("Missing expected argument"),
                let negative = arguments.first(where: {
                    $0.count > 1 && $0.hasPrefix("-") && Double($0.replacingOccurrences(of: ",", with: ".")) != nil
                })
            {
                text = "'\(negative)' is negative: amounts, refunds, rates and counts are never below 0"
            }
            // A connection string's password never reaches the terminal, whatever error carried it.
            let line = DatabaseLocation.redacting(text.isEmpty ? "\(error)" : text)
            FileHandle.standardError.write(Data("Error: \(line)\n".utf8))
            Foundation.exit(code.rawValue)
        }
    }
}
