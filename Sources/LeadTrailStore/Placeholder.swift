// LeadTrailStore
