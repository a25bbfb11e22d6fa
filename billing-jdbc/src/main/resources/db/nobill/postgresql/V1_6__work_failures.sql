-- Background work that failed and has not succeeded since: one row per organization, kind of
-- work (a sweep's name) and item, written when the item fails and deleted when it next
-- succeeds. Sweeps pass an item over until next_attempt_at; operators list the rows failing
-- longest (first_failure_at) as stuck work. last_error is an exception's class and message,
-- never a stack trace.
CREATE TABLE nobill_work_failure (
  org_id UUID NOT NULL,
  kind VARCHAR(64) NOT NULL,
  item VARCHAR(200) NOT NULL,
  first_failure_at BIGINT NOT NULL,
  last_failure_at BIGINT NOT NULL,
  failures INT NOT NULL,
  last_error VARCHAR(500) NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  gave_up BOOLEAN NOT NULL,
  PRIMARY KEY (org_id, kind, item)
);

-- As every tenant table since version 1.2: the tenant reads and writes its own rows; the
-- platform scope (sweeps, the operators' list of stuck work) only reads.
ALTER TABLE nobill_work_failure ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_work_failure FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_work_failure_read ON nobill_work_failure FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_work_failure_write ON nobill_work_failure FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);
