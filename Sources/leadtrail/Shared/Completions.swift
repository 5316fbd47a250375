import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailStore

/// Shell completion read from the database the command line names (`--db`, else `$LEADTRAIL_DB`, else
/// `./leadtrail.sqlite`): nothing when there is none, never an error in the middle of typing.
enum Completions {
    /// Campaign keys, for `--campaign`.
    static let campaignKeys = CompletionKind.custom { words, _, _ in
        guard let store = store(for: words), let campaigns = try? store.campaigns() else { return [] }
        return campaigns.map(\.key)
    }

    /// The `config` keys.
    static let settingKeys = CompletionKind.list(SettingKey.allCases.map(\.rawValue))

    private static func store(for words: [String]) -> SQLiteStore? {
        var option: String?
        for (index, word) in words.enumerated() {
            if word == "--db", index + 1 < words.count { option = words[index + 1] }
            if word.hasPrefix("--db=") { option = String(word.dropFirst(5)) }
        }
        let location = DatabaseLocation(option: option, environment: ProcessInfo.processInfo.environment)
        guard case .sqlite(let path) = location, FileManager.default.fileExists(atPath: path) else { return nil }
        return try? SQLiteStore.open(path: path)
    }
}
