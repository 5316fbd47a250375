#if Postgres
import Foundation
import Glibc

/// `~/.pgpass`, read as libpq reads it.
///
/// Each line is `hostname:port:database:username:password`; a field `*` matches anything, `\:` is a colon and `\\`
/// a backslash inside a field, lines starting with `#` are comments, and the first matching line wins. A file that
/// its group or others may read or write is ignored (libpq's rule: a password file must be mode 0600 or stricter).
enum PasswordFile {
    /// The password of the first line matching the connection, or nil (no file, a loose mode, no match).
    static func password(in path: String, host: String, port: Int, database: String, user: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 == 0,
            let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { return nil }
        let wanted = [host, String(port), database, user]
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.hasPrefix("#") { continue }
            let fields = Self.fields(of: line)
            guard fields.count >= 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in field == "*" || field == value }
            // A password may itself contain unescaped colons after the fourth field.
            if matches { return fields[4...].joined(separator: ":") }
        }
        return nil
    }

    /// Whether `path` is a password file that is ignored because its group or others may read or write it.
    static func isIgnoredForItsMode(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_mode & 0o077 != 0
    }

    /// A line split at its unescaped colons, with `\:` and `\\` unescaped.
    static func fields(of line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
#endif
