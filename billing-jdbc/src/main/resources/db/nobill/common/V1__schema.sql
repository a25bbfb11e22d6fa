-- NOBill's tables. Every table is one tenant's rows: org_id leads its primary key and every
-- index used on the transactional path, so the schema can be distributed by org_id unchanged.
-- Instants are BIGINT nanoseconds since the epoch (exact, as the core's Instants are); amounts
-- are BIGINT minor units; decimal quantities are text in BigDecimal's own notation, exact
-- whatever their scale. Nested values (invoice lines, schedules, outbound events) are JSON text
-- in a body column beside the columns that are queried.

-- One row per organization, locked by each of its transactions on H2 (PostgreSQL uses an
-- advisory lock instead), so an organization's transactions run one at a time.
CREATE TABLE nobill_tenant_lock (
  org_id UUID NOT NULL,
  PRIMARY KEY (org_id)
);

CREATE TABLE nobill_organization (
  org_id UUID NOT NULL,
  name VARCHAR(500) NOT NULL,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (org_id)
);

CREATE TABLE nobill_membership (
  org_id UUID NOT NULL,
  user_id UUID NOT NULL,
  position BIGINT NOT NULL,
  role VARCHAR(40) NOT NULL,
  status VARCHAR(40) NOT NULL,
  since BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, user_id)
);
-- organizationsOf(user) is a platform lookup across tenants; the index carries org_id so
-- the lookup never reads the table.
CREATE INDEX nobill_membership_user ON nobill_membership (user_id, org_id);

-- The whole entry is the JSON body, read back exactly as it was hashed, so verify checks what
-- is stored; the columns beside it only answer queries.
CREATE TABLE nobill_audit_entry (
  org_id UUID NOT NULL,
  sequence BIGINT NOT NULL,
  occurred_at BIGINT NOT NULL,
  actor VARCHAR(1000) NOT NULL,
  impersonator VARCHAR(1000),
  action VARCHAR(1000) NOT NULL,
  target_type VARCHAR(1000) NOT NULL,
  target_id VARCHAR(1000) NOT NULL,
  hash VARCHAR(64) NOT NULL,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (org_id, sequence)
);
CREATE INDEX nobill_audit_entry_target ON nobill_audit_entry (org_id, target_type, target_id, sequence);
CREATE INDEX nobill_audit_entry_actor ON nobill_audit_entry (org_id, actor, sequence);

-- The head is kept apart from the entries, so deleting the newest entries leaves a head
-- that no longer matches the trail's end.
CREATE TABLE nobill_audit_head (
  org_id UUID NOT NULL,
  sequence BIGINT NOT NULL,
  hash VARCHAR(64) NOT NULL,
  PRIMARY KEY (org_id)
);

CREATE TABLE nobill_ledger_account (
  org_id UUID NOT NULL,
  account_id UUID NOT NULL,
  -- accounts list in the order they were opened, and several open at the same instant
  position BIGINT NOT NULL,
  code VARCHAR(40) NOT NULL,
  currency CHAR(3) NOT NULL,
  opened_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, account_id)
);
CREATE UNIQUE INDEX nobill_ledger_account_code ON nobill_ledger_account (org_id, code, currency);

-- The entry as posted is the body; reference and memo are columns too, for statements.
CREATE TABLE nobill_journal_entry (
  org_id UUID NOT NULL,
  entry_id UUID NOT NULL,
  sequence BIGINT NOT NULL,
  idempotency_key VARCHAR(300) NOT NULL,
  occurred_at BIGINT NOT NULL,
  reference_kind VARCHAR(40) NOT NULL,
  reference_id VARCHAR(300) NOT NULL,
  memo VARCHAR(1000) NOT NULL,
  reverses UUID,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (org_id, entry_id)
);
CREATE UNIQUE INDEX nobill_journal_entry_sequence ON nobill_journal_entry (org_id, sequence);
CREATE UNIQUE INDEX nobill_journal_entry_key ON nobill_journal_entry (org_id, idempotency_key);
-- An entry is reversed at most once; entries that reverse nothing have NULL, which unique
-- indexes do not compare.
CREATE UNIQUE INDEX nobill_journal_entry_reverses ON nobill_journal_entry (org_id, reverses);

-- One row per posting, in ledger order within each account, so balances and statements are
-- sums and range scans over an account's rows. occurred_at is the entry's, for balances as of
-- an instant.
CREATE TABLE nobill_posting (
  org_id UUID NOT NULL,
  account_id UUID NOT NULL,
  entry_sequence BIGINT NOT NULL,
  posting_index INT NOT NULL,
  entry_id UUID NOT NULL,
  occurred_at BIGINT NOT NULL,
  side VARCHAR(10) NOT NULL,
  amount BIGINT NOT NULL,
  PRIMARY KEY (org_id, account_id, entry_sequence, posting_index)
);

CREATE TABLE nobill_invoice (
  org_id UUID NOT NULL,
  invoice_id UUID NOT NULL,
  status VARCHAR(40) NOT NULL,
  number VARCHAR(100),
  version BIGINT NOT NULL,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (org_id, invoice_id)
);
CREATE INDEX nobill_invoice_status ON nobill_invoice (org_id, status, invoice_id);

CREATE TABLE nobill_invoice_numbering (
  org_id UUID NOT NULL,
  prefix VARCHAR(100) NOT NULL,
  last_sequence BIGINT NOT NULL,
  PRIMARY KEY (org_id)
);

CREATE TABLE nobill_collection (
  org_id UUID NOT NULL,
  invoice_id UUID NOT NULL,
  next_attempt_at BIGINT,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (org_id, invoice_id)
);
-- dueCollections is a platform sweep across tenants, by time.
CREATE INDEX nobill_collection_due ON nobill_collection (next_attempt_at, org_id);

CREATE TABLE nobill_revenue_schedule (
  org_id UUID NOT NULL,
  invoice_id UUID NOT NULL,
  complete BOOLEAN NOT NULL,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (org_id, invoice_id)
);
CREATE INDEX nobill_revenue_schedule_open ON nobill_revenue_schedule (complete, org_id);

CREATE TABLE nobill_override (
  org_id UUID NOT NULL,
  kind VARCHAR(40) NOT NULL,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (org_id, kind)
);

CREATE TABLE nobill_subscription (
  org_id UUID NOT NULL,
  subscription_id UUID NOT NULL,
  -- the order of insertion: subscriptions list oldest first
  position BIGINT NOT NULL,
  provider_id VARCHAR(300) NOT NULL,
  status VARCHAR(40) NOT NULL,
  -- when the renewal sweep must look at it: the trial end while trialing, the period end
  -- while active or past due; NULL otherwise
  due_at BIGINT,
  version BIGINT NOT NULL,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (org_id, subscription_id)
);
CREATE UNIQUE INDEX nobill_subscription_provider ON nobill_subscription (org_id, provider_id);
CREATE UNIQUE INDEX nobill_subscription_position ON nobill_subscription (org_id, position);
CREATE INDEX nobill_subscription_due ON nobill_subscription (due_at, org_id);

CREATE TABLE nobill_payment_method (
  org_id UUID NOT NULL,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (org_id)
);

CREATE TABLE nobill_billing_schedule (
  org_id UUID NOT NULL,
  subscription_id UUID NOT NULL,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (org_id, subscription_id)
);

CREATE TABLE nobill_inbox (
  org_id UUID NOT NULL,
  event_id VARCHAR(300) NOT NULL,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (org_id, event_id)
);

CREATE TABLE nobill_outbox (
  org_id UUID NOT NULL,
  message_id UUID NOT NULL,
  -- its next attempt time while pending; NULL once delivered or abandoned
  due_at BIGINT,
  -- until when a deliverer holds it; a pending message is due only once this has passed too
  claimed_until BIGINT,
  version BIGINT NOT NULL,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (org_id, message_id)
);
-- dueOutbox is a platform sweep across tenants in (due_at, message_id) order: the index hands
-- out rows in that order, so the sweep stops after its page.
CREATE INDEX nobill_outbox_due ON nobill_outbox (due_at, message_id, org_id);

CREATE TABLE nobill_usage_event (
  org_id UUID NOT NULL,
  idempotency_key VARCHAR(300) NOT NULL,
  meter VARCHAR(200) NOT NULL,
  bucket BIGINT NOT NULL,
  occurred_at BIGINT NOT NULL,
  quantity VARCHAR(100000) NOT NULL,
  unique_value VARCHAR(300),
  properties VARCHAR(100000),
  counted_start BIGINT NOT NULL,
  counted_end BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  canceled BOOLEAN NOT NULL,
  PRIMARY KEY (org_id, idempotency_key)
);
CREATE INDEX nobill_usage_event_bucket ON nobill_usage_event (org_id, meter, bucket);

CREATE TABLE nobill_usage_rollup (
  org_id UUID NOT NULL,
  meter VARCHAR(200) NOT NULL,
  hour_start BIGINT NOT NULL,
  total VARCHAR(100000) NOT NULL,
  event_count BIGINT NOT NULL,
  max_quantity VARCHAR(100000),
  last_at BIGINT,
  last_key VARCHAR(300),
  last_quantity VARCHAR(100000),
  PRIMARY KEY (org_id, meter, hour_start)
);

CREATE TABLE nobill_usage_unique (
  org_id UUID NOT NULL,
  meter VARCHAR(200) NOT NULL,
  period_start BIGINT NOT NULL,
  unique_value VARCHAR(300) NOT NULL,
  occurrences BIGINT NOT NULL,
  PRIMARY KEY (org_id, meter, period_start, unique_value)
);

CREATE TABLE nobill_quota_warning (
  org_id UUID NOT NULL,
  meter VARCHAR(200) NOT NULL,
  period_start BIGINT NOT NULL,
  PRIMARY KEY (org_id, meter, period_start)
);

CREATE TABLE nobill_usage_reported (
  org_id UUID NOT NULL,
  meter VARCHAR(200) NOT NULL,
  bucket BIGINT NOT NULL,
  quantity VARCHAR(100000) NOT NULL,
  revision INT NOT NULL,
  PRIMARY KEY (org_id, meter, bucket)
);
