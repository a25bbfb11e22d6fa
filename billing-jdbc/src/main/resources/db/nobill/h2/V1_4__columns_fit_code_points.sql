-- The core's text policy counts lengths in Unicode code points, as PostgreSQL's varchar(n)
-- does; H2 counts UTF-16 units, two for every character outside the Basic Multilingual Plane
-- (an emoji). Every column whose limit in code points could take more than its width in UTF-16
-- units is widened here, so a string the core accepts fits on H2 exactly as on PostgreSQL. The
-- PostgreSQL columns need no change, and its V1_4 keeps the history the same shape.
ALTER TABLE nobill_journal_entry ALTER COLUMN idempotency_key SET DATA TYPE VARCHAR(600);
ALTER TABLE nobill_journal_entry ALTER COLUMN reference_id SET DATA TYPE VARCHAR(600);
ALTER TABLE nobill_subscription ALTER COLUMN provider_id SET DATA TYPE VARCHAR(600);
ALTER TABLE nobill_inbox ALTER COLUMN event_id SET DATA TYPE VARCHAR(600);
ALTER TABLE nobill_usage_event ALTER COLUMN idempotency_key SET DATA TYPE VARCHAR(600);
ALTER TABLE nobill_usage_event ALTER COLUMN unique_value SET DATA TYPE VARCHAR(600);
ALTER TABLE nobill_usage_rollup ALTER COLUMN last_key SET DATA TYPE VARCHAR(600);
ALTER TABLE nobill_usage_unique ALTER COLUMN unique_value SET DATA TYPE VARCHAR(600);
