import Testing

/// Checks a refused command: non-zero exit, nothing on stdout, exactly one line on stderr naming the problem.
func expectRefused(
    _ result: RunResult, mentioning fragments: String..., sourceLocation: SourceLocation = #_sourceLocation
) {
    expectRefused(result, mentioningAll: fragments, sourceLocation: sourceLocation)
}

func expectRefused(_ result: RunResult, mentioningAll fragments: [String], sourceLocation: SourceLocation) {
    #expect(result.status != 0, "expected a failure:\n\(result)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, "a failing command printed to stdout:\n\(result)", sourceLocation: sourceLocation)
    #expect(
        result.stderrLines.count == 1, "stderr should be exactly one line:\n\(result)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(
            result.stderr.contains(fragment), "stderr should mention '\(fragment)':\n\(result)",
            sourceLocation: sourceLocation)
    }
}

extension Workspace {
    /// Runs a command that must fail and checks that it left the default database exactly as it was.
    @discardableResult
    func refuse(
        _ arguments: [String], mentioning fragments: String..., sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let before = try databaseState()
        let result = try run(arguments)
        expectRefused(result, mentioningAll: fragments, sourceLocation: sourceLocation)
        let after = try databaseState()
        #expect(before == after, "the database changed after a refused command", sourceLocation: sourceLocation)
        return result
    }

    /// Everything the workspace's database holds, as text: the SQLite file's ``DatabaseDump``, or in a PostgreSQL
    /// workspace every table of its database with its rows in order (read with `psql`, not the store under test).
    func databaseState() throws -> String {
        guard let postgres else { return try DatabaseDump.of(defaultDatabase) }
        let tables = try postgres.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        ).split(separator: "\n").map(String.init)
        guard !tables.isEmpty else { return "" }
        let parts = tables.map { table in
            "'-- table \(table)', (SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM \"\(table)\" AS t)"
        }
        return try postgres.execute("SELECT concat_ws(E'\\n', \(parts.joined(separator: ", ")))")
    }

    /// `init` and one lead (id 1), as most bad-input tests start.
    func initWithOneLead() throws {
        try succeed(["init"])
        try succeed(["lead", "add", "--name", "Анна Петрова", "--phone", "8 (916) 123-45-67"])
    }
}
