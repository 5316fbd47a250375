-- Every single-column foreign key of a LeadTrail PostgreSQL database checked row by row (a row naming a missing
-- parent fails the statement), with the two references of `touch` that the store keeps without a foreign key since
-- schema 14 (campaign_id, batch_id), then the number of foreign keys left unvalidated (must be 0). Run after kill -9
-- by Benchmarks/server_load.py and ServerLoadTests.
DO $check$ DECLARE r record; dangling bigint; BEGIN
  FOR r IN SELECT c.conrelid::regclass AS child, c.confrelid::regclass AS parent, a.attname AS col,
                  p.attname AS parent_col
           FROM pg_constraint c
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
           JOIN pg_attribute p ON p.attrelid = c.confrelid AND p.attnum = c.confkey[1]
           WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
           UNION ALL SELECT 'touch'::regclass, 'campaign'::regclass, 'campaign_id', 'id'
           UNION ALL SELECT 'touch'::regclass, 'import_batch'::regclass, 'batch_id', 'id' LOOP
    EXECUTE format('SELECT count(*) FROM %s x WHERE x.%I IS NOT NULL AND NOT EXISTS '
                   '(SELECT 1 FROM %s y WHERE y.%I = x.%I)', r.child, r.col, r.parent, r.parent_col, r.col)
      INTO dangling;
    IF dangling > 0 THEN RAISE EXCEPTION '% rows of % name a missing %', dangling, r.child, r.parent; END IF;
  END LOOP;
END $check$;
SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated;
