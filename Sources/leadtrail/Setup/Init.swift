import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailStore

/// `leadtrail init`: creates the database (readable by its owner only) or brings an existing one up to date.
///
/// On an existing database it only upgrades: a setting given that differs from the stored one is refused, never
/// written, because every stored amount and time without an offset was read under it (a new currency needs rates
/// for all of them; a new zone moves every report period). `config set` is the one way to change a setting.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the database, or upgrade an existing one.",
        discussion: """
            On an existing database init only upgrades the schema: --currency and --timezone may repeat the stored \
            settings, and a different value is refused (change a setting with 'leadtrail config set').
            """)

    @OptionGroup var options: StoreOptions
    @Option(help: "Base currency for reports (ISO 4217), e.g. RUB.") var currency: String?
    @Option(help: "Time zone for report periods and times without an offset, e.g. Europe/Moscow.") var timezone: String?

    /// The settings given on the command line, checked and written as a store keeps them.
    private func givenSettings() throws -> [(key: SettingKey, value: String)] {
        let given: [(SettingKey, String?)] = [(.currency, currency), (.timezone, timezone)]
        return try given.compactMap { key, value in
            guard let value else { return nil }
            return (key, try key.storedValue(for: value))
        }
    }

    func run() throws {
        let given = try givenSettings()
        let location = options.location
        let (store, from) = try location.initialiseStore()
        if from == 0 {
            for (key, value) in given { try store.set(key, to: value) }
        } else {
            try Self.checkUnchanged(given, stored: try store.settings())
        }
        let settings = try store.settings()
        let version = try store.schemaVersion()
        // An older database is upgraded here, as `migrate` would: say so, not "up to date".
        let head =
            if from == 0 {
                "Created \(location) (schema \(version); "
            } else if from < version {
                "Upgraded \(location) from schema \(from) to \(version) ("
            } else {
                "Up to date: \(location) (schema \(version); "
            }
        emit(head + "currency \(settings.currency), time zone \(settings.timeZoneName))\n")
    }

    /// Refuses the first given setting that differs from what the existing database holds.
    static func checkUnchanged(_ given: [(key: SettingKey, value: String)], stored: Settings) throws {
        for (key, value) in given {
            let current = Config.Get.value(of: key, in: stored)
            guard value != current else { continue }
            throw CommandError(
                "--\(key.rawValue) \(value): this database's \(key.rawValue) is \(current), and init never changes "
                    + "the settings of an existing database; to change it run "
                    + "'leadtrail config set \(key.rawValue) \(value)'")
        }
    }
}
