import Foundation
import PackagePlugin

/// Embeds the numbered SQL migrations of `schema/` (SQLite) and `schema/postgres/` (PostgreSQL) into the store's
/// module at build time, as two lists with the same version numbers.
///
/// The SQL files stay the single source of truth for the database, and the built binary carries them,
/// so it keeps working when copied away from the source tree.
@main
struct EmbedSchema: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let schema = context.package.directoryURL.appending(path: "schema")
        func sqlFiles(_ folder: URL) throws -> [URL] {
            try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "sql" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        }
        let sqlite = try sqlFiles(schema)
        let postgres = try sqlFiles(schema.appending(path: "postgres"))
        let files = sqlite + postgres
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSchema.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(sqlite.count) + \(postgres.count) schema migrations",
                executable: try context.tool(named: "SchemaEmbedder").url,
                arguments: [output.path] + sqlite.map(\.path) + ["--postgres"] + postgres.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
