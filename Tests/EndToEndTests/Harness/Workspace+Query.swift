import Foundation
import GRDB

extension Workspace {
    /// One integer from a read-only query on the workspace's own database, whichever store it is (the table and
    /// column names are the same on both): a count, say.
    func integer(_ sql: String) throws -> Int {
        if let postgres {
            let text = try postgres.execute(sql)
            guard let value = Int(text) else {
                throw PostgresTestServer.Failure(description: "not an integer from \(sql): \(text)")
            }
            return value
        }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: defaultDatabase.path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    /// A command started in the background with this workspace's environment (its PostgreSQL database included).
    func start(_ arguments: [String], environment: [String: String] = [:]) throws -> RunningCommand {
        try RunningCommand(self, arguments, environment: processEnvironment(environment))
    }
}
