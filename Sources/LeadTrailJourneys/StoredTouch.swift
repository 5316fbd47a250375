/// One touch as a store streams it to the journey engine: its id, time, whether it is a form's, whether it was a
/// direct visit, and its report key (``TouchKeys``).
///
/// Its record key, which orders touches of one instant, is asked of the store only when two touches of a journey
/// or a visitor share an instant (``TouchOrder``).
public struct StoredTouch: Sendable, Equatable {
    public var id: Int64
    /// Microseconds since 1970-01-01 UTC.
    public var at: Int64
    public var isForm: Bool
    public var isDirect: Bool
    /// Index in the report's ``KeyTable``.
    public var key: Int32

    @inlinable
    public init(id: Int64, at: Int64, isForm: Bool, isDirect: Bool, key: Int32) {
        self.id = id
        self.at = at
        self.isForm = isForm
        self.isDirect = isDirect
        self.key = key
    }
}
