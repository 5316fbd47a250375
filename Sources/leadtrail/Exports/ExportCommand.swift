public import ArgumentParser
public import LeadTrailExport

/// `leadtrail export conversions`: tell the ad platforms which leads became customers.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export conversions for the ad platforms (Yandex Metrica, Meta, Google Ads, VK Ads).",
        subcommands: [ExportConversions.self])
}

extension ConversionPlatform: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension ExportEvent: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension YandexIdentifier: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
