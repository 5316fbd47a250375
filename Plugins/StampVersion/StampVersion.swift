import Foundation
import PackagePlugin

/// Writes the git commit the binary is built from into the `leadtrail` module (`BuildCommit.hash`), for
/// `leadtrail --version`.
///
/// A prebuild command, so it runs on every build and a new commit is never missed; it asks git, and a build from a
/// source archive without `.git` (or without git) says `commit unknown`.
@main
struct StampVersion: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "Stamped")
        let script = """
            mkdir -p "$2"
            commit=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null) && text="commit $commit" || text="commit unknown"
            if [ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then text="$text modified"; fi
            file="$2/BuildCommit.swift"
            new="enum BuildCommit { static let hash = \\"$text\\" }"
            [ -f "$file" ] && [ "$(cat "$file")" = "$new" ] || printf '%s\\n' "$new" > "$file"
            """
        return [
            .prebuildCommand(
                displayName: "Stamping the git commit for --version",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "stamp", context.package.directoryURL.path, output.path],
                outputFilesDirectory: output)
        ]
    }
}
