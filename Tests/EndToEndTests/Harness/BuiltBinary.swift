import Foundation

/// The `leadtrail` executable that `swift test` built, found beside the test bundle in the build products folder.
enum BuiltBinary {
    struct NotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "the built 'leadtrail' executable was not found; looked in: \(searched.joined(separator: ", ")). "
                + "Run the tests with 'swift test' (which builds it) from the package folder."
        }
    }

    /// Where the tests look, best guess first: the bundle's folder, its parent (an `.xctest` bundle on macOS sits
    /// in the products folder), and the folder of the running test executable.
    static var candidateFolders: [URL] {
        let bundle = Bundle.main.bundleURL.standardizedFileURL
        var folders = [bundle, bundle.deletingLastPathComponent()]
        if let first = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: first).standardizedFileURL.deletingLastPathComponent())
        }
        var seen = Set<String>()
        return folders.filter { seen.insert($0.path).inserted }
    }

    /// Computed once for all tests (a global `let` is initialised lazily and thread-safely).
    private static let located: Result<URL, NotFound> = {
        let candidates = candidateFolders.map { $0.appendingPathComponent("leadtrail") }
        for candidate in candidates {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return .success(candidate)
            }
        }
        return .failure(NotFound(searched: candidates.map(\.path)))
    }()

    /// The executable's URL, or an error naming every place searched.
    static func url() throws -> URL { try located.get() }
}
