/// The schema migrations this build carries, one list per dialect, embedded from `schema/*.sql` and
/// `schema/postgres/*.sql` at build time.
///
/// Both lists have the same version numbers with the same meaning: a version says the same tables and columns on
/// SQLite and on PostgreSQL, so that a database can be copied from one to the other and queries stay alike.
public enum SchemaMigrations {
    /// SQLite's migrations, in order.
    public static var sqlite: [(version: Int, name: String, sql: String)] { EmbeddedSchema.migrations }
    /// PostgreSQL's migrations, in order.
    public static var postgres: [(version: Int, name: String, sql: String)] { EmbeddedSchema.postgresMigrations }
}
