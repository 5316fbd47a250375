// LeadTrailImport
