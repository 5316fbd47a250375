/// A JSON object: its members in file order, looked up by key.
///
/// The first occurrence of a duplicated key wins, as most JSON readers do; later duplicates are dropped when the
/// object is built. Objects in import files are small (tens of members), so lookup is a linear scan, which beats
/// hashing at that size.
public struct JSONObject: Hashable, Sendable, RandomAccessCollection {
    /// The keys, in file order.
    public private(set) var keys: [String]
    /// The values, in the order of `keys`.
    public private(set) var values: [JSONValue]

    /// An empty object.
    public init() {
        keys = []
        values = []
    }

    /// An object from key/value pairs, in order; the first of duplicate keys wins.
    ///
    /// ```swift
    /// let object = JSONObject([("at", .string("2026-10-01T12:00:00Z")), ("visitor", .number("42"))])
    /// ```
    public init(_ pairs: [(String, JSONValue)]) {
        self.init()
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for (key, value) in pairs { append(key, value) }
    }

    /// The value for `key`, or nil when the object has no such member.
    public subscript(key: String) -> JSONValue? {
        guard let index = keys.firstIndex(of: key) else { return nil }
        return values[index]
    }

    /// Adds a member at the end unless the key is already present (the first occurrence wins).
    public mutating func append(_ key: String, _ value: JSONValue) {
        if keys.contains(key) { return }
        keys.append(key)
        values.append(value)
    }

    /// Sets the value of `key`, replacing an existing member in place or adding one at the end.
    public mutating func set(_ key: String, _ value: JSONValue) {
        if let index = keys.firstIndex(of: key) {
            values[index] = value
        } else {
            keys.append(key)
            values.append(value)
        }
    }

    /// Adds a form field (`name=value` of a form-encoded body): a name given again (checkboxes, `services[]=a&
    /// services[]=b`) keeps every value, joined by `; ` as Tilda joins a checkbox group's, instead of the last alone.
    public mutating func addFormField(_ name: String, _ value: String) {
        if let index = keys.firstIndex(of: name), case .string(let earlier) = values[index] {
            values[index] = .string(earlier.isEmpty ? value : value.isEmpty ? earlier : earlier + "; " + value)
        } else {
            set(name, .string(value))
        }
    }

    /// Removes the member `key` if present.
    public mutating func remove(_ key: String) {
        guard let index = keys.firstIndex(of: key) else { return }
        keys.remove(at: index)
        values.remove(at: index)
    }

    /// Appends without the duplicate check; the scanner has already done it.
    mutating func appendUnchecked(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values.append(value)
    }

    // MARK: RandomAccessCollection

    /// A member: its key and value.
    public typealias Element = (key: String, value: JSONValue)

    /// The position of the first member.
    public var startIndex: Int { 0 }
    /// The position after the last member.
    public var endIndex: Int { keys.count }

    /// The member at `position`.
    public subscript(position: Int) -> (key: String, value: JSONValue) {
        (keys[position], values[position])
    }
}
