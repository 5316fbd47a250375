import Foundation

// Usage: SchemaEmbedder OUTPUT.swift 0001_name.sql 0002_name.sql …
// Writes a Swift file declaring `EmbeddedSchema.migrations`: (version, name, sql) in file order.
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: SchemaEmbedder OUTPUT FILE.sql…\n".utf8))
    exit(2)
}
var source = "// Generated from schema/*.sql by SchemaEmbedder. Do not edit.\n"
source += "enum EmbeddedSchema {\n    static let migrations: [(version: Int, name: String, sql: String)] = [\n"
for path in arguments.dropFirst() {
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
source += "    ]\n}\n"
try source.write(toFile: output, atomically: true, encoding: .utf8)
