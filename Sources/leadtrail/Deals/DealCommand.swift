import ArgumentParser

/// `leadtrail deal …`: deals, their outcome and refunds.
struct DealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deal", abstract: "Record deals: add, won, lost, reopen, refund, remove, link, list, show.",
        subcommands: [
            Add.self, Won.self, Lost.self, Reopen.self, RefundDeal.self, Remove.self, Link.self, List.self, Show.self,
        ])
}
