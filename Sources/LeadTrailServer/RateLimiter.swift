#if Server
import Foundation
import Synchronization

/// A token bucket per key: `perSecond` deliveries a second, bursts up to `perSecond`.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let perSecond: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    init(perSecond: Int) {
        self.perSecond = Double(max(perSecond, 1))
    }

    /// Takes one token for `key`; false when the bucket is empty.
    func allow(_ key: String, now: ContinuousClock.Instant = .now) -> Bool {
        buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: perSecond, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(perSecond, bucket.tokens + seconds * perSecond)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return false
            }
            bucket.tokens -= 1
            buckets[key] = bucket
            return true
        }
    }
}
#endif
