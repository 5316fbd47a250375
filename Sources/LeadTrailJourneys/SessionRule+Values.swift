public import LeadTrailCore

extension SessionRule {
    /// What the rule compares of a touch: its five UTM values (source, medium, campaign, content, term) normalised,
    /// so `VK` and ` vk ` are one session.
    public static func values(_ raw: [String?]) -> [String?] { raw.map { Normalize.key($0) } }
}

extension SessionRule {
    /// Calls `body` with the id of each touch of one visitor's `group` whose UTM values ``kept(_:at:isForm:isSameSession:)``
    /// may compare: a form's and those of the visitor's other touches in the window before it, for each form that has
    /// such a touch. A form alone in its window is compared with nothing, so a store reads no values for it (few on
    /// the benchmark's data, where nearly every form follows a click).
    public static func comparedTouches(
        in group: ArraySlice<StoredTouch>, _ body: (_ id: Int64) -> Void
    ) {
        comparedTouches(in: group, id: \.id, at: \.at, isForm: \.isForm, body)
    }

    /// ``comparedTouches(in:_:)`` for any kind of touch. Over a visitor's whole history it calls `body` for every
    /// touch it calls it for over any stretch of that history (a window holds no more touches in a stretch), so a
    /// store that keeps those touches' keys (``SessionKey``) has every key a report's rule may compare.
    public static func comparedTouches<Touches: Collection>(
        in group: Touches, id: (Touches.Element) -> Int64, at: (Touches.Element) -> Int64,
        isForm: (Touches.Element) -> Bool, _ body: (_ id: Int64) -> Void
    ) {
        for form in group where isForm(form) {
            let formID = id(form)
            let formAt = at(form)
            let earliest = formAt - window
            guard group.contains(where: { id($0) != formID && at($0) <= formAt && at($0) >= earliest }) else {
                continue
            }
            for touch in group where at(touch) <= formAt && at(touch) >= earliest { body(id(touch)) }
        }
    }
}
