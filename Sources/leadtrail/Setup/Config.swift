import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailStore

/// `leadtrail config set|get`: base currency, time zone, duplicate window.
struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show or change the settings: currency, timezone, duplicate-window (days), csv-dialect.",
        subcommands: [Set.self, Get.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a setting.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "currency, timezone, duplicate-window or csv-dialect", completion: Completions.settingKeys)
        var key: String
        @Argument(help: "The new value.") var value: String

        func run() throws {
            let key = try SettingKey(parsing: key)
            let store = try options.open()
            try store.set(key, to: value)
            emit("\(key.rawValue) = \(Get.value(of: key, in: try store.settings()))\n")
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Print one setting, or all of them.")
        @OptionGroup var options: StoreOptions
        @Argument(
            help: "currency, timezone, duplicate-window or csv-dialect; all when absent",
            completion: Completions.settingKeys)
        var key: String?

        func run() throws {
            let settings = try options.open().settings()
            if let key {
                emit(Self.value(of: try SettingKey(parsing: key), in: settings) + "\n")
            } else {
                for key in SettingKey.allCases { emit("\(key.rawValue) = \(Self.value(of: key, in: settings))\n") }
            }
        }

        static func value(of key: SettingKey, in settings: Settings) -> String {
            switch key {
            case .currency: settings.currency.code
            case .timezone: settings.timeZoneName
            case .duplicateWindow: String(settings.duplicateWindowDays)
            case .csvDialect: settings.csvDialect.rawValue
            }
        }
    }
}
