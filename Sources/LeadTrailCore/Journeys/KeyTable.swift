/// The keys of one report dimension, each stored once: touches carry a small index instead of a string.
public struct KeyTable: Sendable {
    public private(set) var keys: [String] = []
    private var indexes: [String: Int32] = [:]

    public init() {}

    /// The index of a key, adding it when new.
    public mutating func index(of key: String) -> Int32 {
        if let index = indexes[key] { return index }
        let index = Int32(keys.count)
        keys.append(key)
        indexes[key] = index
        return index
    }

    /// The index of a key already in the table.
    public func existingIndex(of key: String) -> Int32? { indexes[key] }

    public subscript(index: Int32) -> String { keys[Int(index)] }

    public var count: Int { keys.count }
}
