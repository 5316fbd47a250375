import ArgumentParser

/// `leadtrail deal …`: deals, their outcome and refunds.
struct DealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deal", abstract: "Record deals: add, won, lost, reopen, refund, link, list.",
        subcommands: [Add.self, Won.self, Lost.self, Reopen.self, RefundDeal.self, Link.self, List.self])
}
