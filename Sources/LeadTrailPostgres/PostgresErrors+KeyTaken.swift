#if Postgres
extension PostgresErrors {
    /// A `COPY` met a unique violation (SQLSTATE 23505): a key it carried was stored by another writer after the
    /// caller looked. Never shown to the user: the caller goes back to its savepoint and takes a path that skips
    /// stored keys.
    struct KeyTaken: Error {}
}
#endif
