import Foundation

// Usage: SchemaEmbedder OUTPUT.swift 0001_name.sql 0002_name.sql … [--postgres postgres/0001_name.sql …]
// Writes a Swift file declaring `EmbeddedSchema.migrations` (SQLite's) and `EmbeddedSchema.postgresMigrations`:
// (version, name, sql) in file order.
let arguments = Array(CommandLine.arguments.dropFirst())
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: SchemaEmbedder OUTPUT FILE.sql… [--postgres FILE.sql…]\n".utf8))
    exit(2)
}
let files = arguments.dropFirst()
let marker = files.firstIndex(of: "--postgres")
let sqlite = files[..<(marker ?? files.endIndex)]
let postgres = marker.map { files[files.index(after: $0)...] } ?? []

/// The Swift array literal of one dialect's migration files.
func list(_ name: String, _ paths: ArraySlice<String>) throws -> String {
    var source = "    static let \(name): [(version: Int, name: String, sql: String)] = [\n"
    for path in paths {
        let file = URL(fileURLWithPath: path).lastPathComponent
        let stem = String(file.dropLast(".sql".count))
        guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]) else {
            FileHandle.standardError.write(Data("schema file \(file) must be named NNNN_name.sql\n".utf8))
            exit(1)
        }
        let sql = try String(contentsOfFile: path, encoding: .utf8)
        // A raw string with enough #s that no SQL text can close it.
        var hashes = "#"
        while sql.contains("\"" + hashes) { hashes += "#" }
        source += "        (\(version), \"\(stem[stem.index(after: underscore)...])\", \(hashes)\"\"\"\n"
        source += sql + (sql.hasSuffix("\n") ? "" : "\n")
        source += "\"\"\"\(hashes)),\n"
    }
    return source + "    ]\n"
}

var source = "// Generated from schema/*.sql and schema/postgres/*.sql by SchemaEmbedder. Do not edit.\n"
source += "enum EmbeddedSchema {\n"
source += try list("migrations", sqlite)
source += try list("postgresMigrations", postgres)
source += "}\n"
try source.write(toFile: output, atomically: true, encoding: .utf8)
