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
        for form in group where form.isForm {
            let earliest = form.at - window
            guard group.contains(where: { $0.id != form.id && $0.at <= form.at && $0.at >= earliest }) else {
                continue
            }
            for touch in group where touch.at <= form.at && touch.at >= earliest { body(touch.id) }
        }
    }
}
