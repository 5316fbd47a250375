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
            let before = try store.settings()
            // A new window judges every person again: say what that did to the leads, not only the new value.
            let leadsBefore = key == .duplicateWindow ? try store.leads(matching: LeadFilter()).count : 0
            try store.set(key, to: value)
            let after = try store.settings()
            var text = "\(key.rawValue) = \(Get.value(of: key, in: after))\n"
            switch key {
            case .duplicateWindow where before.duplicateWindowDays != after.duplicateWindowDays:
                let leadsAfter = try store.leads(matching: LeadFilter()).count
                func leads(_ count: Int) -> String { count == 1 ? "1 lead" : "\(count) leads" }
                text +=
                    "Every person's requests judged again under the new window: "
                    + (leadsAfter == leadsBefore
                        ? "still \(leads(leadsAfter)).\n" : "\(leads(leadsBefore)) before, \(leads(leadsAfter)) now.\n")
            case .timezone where before.timeZoneName != after.timeZoneName:
                text +=
                    "Stored times are unchanged; report days, weeks and months, and times typed without an offset, "
                    + "now follow \(after.timeZoneName).\n"
            default: break
            }
            emit(text)
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
