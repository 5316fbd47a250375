// LeadTrailReports
