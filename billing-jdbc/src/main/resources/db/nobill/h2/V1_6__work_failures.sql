-- Background work that failed and has not succeeded since: one row per organization, kind of
-- work (a sweep's name) and item, written when the item fails and deleted when it next
-- succeeds. Sweeps pass an item over until next_attempt_at; operators list the rows failing
-- longest (first_failure_at) as stuck work. last_error is an exception's class and message,
-- never a stack trace. The PostgreSQL script of the same version adds row-level security.
CREATE TABLE nobill_work_failure (
  org_id UUID NOT NULL,
  kind VARCHAR(64) NOT NULL,
  item VARCHAR(200) NOT NULL,
  first_failure_at BIGINT NOT NULL,
  last_failure_at BIGINT NOT NULL,
  failures INT NOT NULL,
  -- H2 counts UTF-16 units; the error is up to 500 code points.
  last_error VARCHAR(1000) NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  gave_up BOOLEAN NOT NULL,
  PRIMARY KEY (org_id, kind, item)
);
