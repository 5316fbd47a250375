/// The same-session rule (SPEC "Same-session rule"): a form's touch is dropped when the same visitor has a kept
/// touch with the same five normalised UTM values in the 30 minutes before it, inclusive.
///
/// Stores hand it one visitor's touches in their order (time, then record key); it decides which to keep. How the
/// UTM values are compared is the store's business (`isSameSession`), so that a store reads them only for the few
/// touches the rule compares.
public enum SessionRule {
    /// The window before a form's touch, in microseconds.
    public static let window: Int64 = 30 * 60 * 1_000_000

    /// The positions in `touches` (ascending) of the touches kept.
    ///
    /// Touches are judged in time order, so a form touch dropped as a repeat cannot make a later one a repeat; at one
    /// instant a click counts as before a form, whatever their record keys.
    ///
    /// - Parameters:
    ///   - at: a touch's time in microseconds.
    ///   - isForm: whether a touch is a form's.
    ///   - isSameSession: whether the touches at two positions have the same five normalised UTM values.
    @inlinable
    public static func kept<Touch>(
        _ touches: [Touch], at: (Touch) -> Int64, isForm: (Touch) -> Bool,
        isSameSession: (_ earlier: Int, _ form: Int) throws -> Bool
    ) rethrows -> [Int] {
        guard touches.contains(where: isForm) else { return Array(touches.indices) }
        // Stores hand touches in time order with, nearly always, no click after a form of the same instant: then the
        // judging order is the given one and the kept positions come out ascending, with no sort and no set (a
        // month's ten thousand journeys spent a fifth of their assembly sorting and hashing here).
        var isJudgingOrder = true
        for index in touches.indices.dropFirst() {
            let (previous, current) = (at(touches[index - 1]), at(touches[index]))
            if current < previous || (current == previous && isForm(touches[index - 1]) && !isForm(touches[index])) {
                isJudgingOrder = false
                break
            }
        }
        let order =
            isJudgingOrder
            ? Array(touches.indices)
            : touches.indices.sorted {
                (at(touches[$0]), isForm(touches[$0]) ? 1 : 0, $0) < (at(touches[$1]), isForm(touches[$1]) ? 1 : 0, $1)
            }
        var kept: [Int] = []
        kept.reserveCapacity(touches.count)
        judging: for index in order {
            let touch = touches[index]
            if isForm(touch) {
                let time = at(touch)
                for other in kept.reversed() {
                    if at(touches[other]) < time - window { break }
                    if try isSameSession(other, index) { continue judging }
                }
            }
            kept.append(index)
        }
        return isJudgingOrder ? kept : kept.sorted()
    }
}
