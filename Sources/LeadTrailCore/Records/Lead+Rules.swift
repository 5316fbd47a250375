extension Lead {
    /// Refuses a stage change dated before the lead was created: its history would start with a move.
    ///
    /// `lead stage --at` and a won deal's move of its lead both go through this rule (in the store's one
    /// stage-change path).
    public func checkStageChange(at time: Timestamp) throws(RecordRuleError) {
        guard time >= createdAt else { throw .stageBeforeLead(lead: id, at: time, createdAt: createdAt) }
    }
}
