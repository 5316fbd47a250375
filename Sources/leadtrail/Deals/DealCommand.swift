import ArgumentParser

/// `leadtrail deal …`: deals, their outcome and refunds.
struct DealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deal", abstract: "Record deals: add, won, lost, refund, link, list.",
        subcommands: [Add.self, Won.self, Lost.self, RefundDeal.self, Link.self, List.self])
}
