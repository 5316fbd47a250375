import Glibc

/// Visitor ids in SQLite's `BINARY` order (bytes compared as `memcmp`, a shorter prefix first), in one buffer, asked
/// by a scan that meets visitors in the same order: a merge, one comparison or two per visitor, where a hash lookup
/// per row of a year's million visitor paths cost a tenth of a Markov report in cache misses.
struct SortedVisitors {
    /// The ids' bytes, one after another; id `n`'s are `bytes[starts[n]..<starts[n + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// The first id not below the last one asked about.
    private var cursor = 0
    /// The last id asked about, to check that the scan keeps its promised order.
    private var lastAsked: [UInt8] = []
    private var asked = false

    /// Ids appended, or visitors asked about, out of ascending order: a report stops rather than list visitors
    /// wrongly (only a database whose index order SQLite no longer keeps could cause it).
    struct OutOfOrder: Error, CustomStringConvertible {
        var description: String { "visitor ids came out of order in the database's visitor index; a report stopped" }
    }

    var count: Int { starts.count - 1 }

    /// Adds an id at the end; ids must come in ascending order (a repeat of the last one is skipped).
    mutating func append(_ visitor: UnsafeBufferPointer<UInt8>) throws {
        if count > 0 {
            let order = bytes.withUnsafeBufferPointer { all in Self.compare(id(count - 1, in: all), visitor) }
            if order == 0 { return }
            guard order < 0 else { throw OutOfOrder() }
        }
        bytes.append(contentsOf: visitor)
        starts.append(bytes.count)
    }

    /// Calls `body` with each id, in order.
    func forEach(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { all in
            for index in 0..<count { try body(id(index, in: all)) }
        }
    }

    /// Whether `visitor` is one of the ids. Visitors must be asked in ascending order (repeats allowed).
    mutating func containsAscending(_ visitor: UnsafeBufferPointer<UInt8>) throws -> Bool {
        if asked {
            guard lastAsked.withUnsafeBufferPointer({ Self.compare($0, visitor) }) <= 0 else { throw OutOfOrder() }
        }
        asked = true
        lastAsked.removeAll(keepingCapacity: true)
        lastAsked.append(contentsOf: visitor)
        let (found, next) = bytes.withUnsafeBufferPointer { all in
            var next = cursor
            while next < count {
                let order = Self.compare(id(next, in: all), visitor)
                if order >= 0 { return (order == 0, next) }
                next += 1
            }
            return (false, next)
        }
        cursor = next
        return found
    }

    private func id(_ index: Int, in all: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: all[starts[index]..<starts[index + 1]])
    }

    /// SQLite's `BINARY` collation: negative, zero or positive as `lhs` sorts before, with or after `rhs`.
    static func compare(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(lhs.count, rhs.count)
        if common > 0, let left = lhs.baseAddress, let right = rhs.baseAddress {
            let order = memcmp(left, right, common)
            if order != 0 { return Int(order) }
        }
        return lhs.count - rhs.count
    }
}
