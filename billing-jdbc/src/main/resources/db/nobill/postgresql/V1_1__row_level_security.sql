-- Row-level security, the second wall behind structural scoping. Every tenant transaction sets
-- nobill.org_id (transaction-local); platform transactions, which read ids across tenants,
-- set nobill.scope = 'platform'. FORCE applies the policies to the tables' owner too; only
-- superusers and BYPASSRLS roles pass through, which JdbcBillingStore reports at start.

ALTER TABLE nobill_organization ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_organization FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_organization_tenant ON nobill_organization
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_membership ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_membership FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_membership_tenant ON nobill_membership
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_audit_entry ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_audit_entry FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_audit_entry_tenant ON nobill_audit_entry
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_audit_head ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_audit_head FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_audit_head_tenant ON nobill_audit_head
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_ledger_account ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_ledger_account FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_ledger_account_tenant ON nobill_ledger_account
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_journal_entry ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_journal_entry FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_journal_entry_tenant ON nobill_journal_entry
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_posting ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_posting FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_posting_tenant ON nobill_posting
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_invoice ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_invoice FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_invoice_tenant ON nobill_invoice
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_invoice_numbering ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_invoice_numbering FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_invoice_numbering_tenant ON nobill_invoice_numbering
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_collection ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_collection FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_collection_tenant ON nobill_collection
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_revenue_schedule ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_revenue_schedule FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_revenue_schedule_tenant ON nobill_revenue_schedule
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_override ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_override FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_override_tenant ON nobill_override
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_subscription ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_subscription FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_subscription_tenant ON nobill_subscription
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_payment_method ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_payment_method FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_payment_method_tenant ON nobill_payment_method
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_billing_schedule ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_billing_schedule FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_billing_schedule_tenant ON nobill_billing_schedule
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_inbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_inbox FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_inbox_tenant ON nobill_inbox
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_outbox_tenant ON nobill_outbox
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_usage_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_usage_event FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_usage_event_tenant ON nobill_usage_event
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_usage_rollup ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_usage_rollup FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_usage_rollup_tenant ON nobill_usage_rollup
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_usage_unique ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_usage_unique FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_usage_unique_tenant ON nobill_usage_unique
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_quota_warning ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_quota_warning FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_quota_warning_tenant ON nobill_quota_warning
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_usage_reported ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_usage_reported FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_usage_reported_tenant ON nobill_usage_reported
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

ALTER TABLE nobill_tenant_lock ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_tenant_lock FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_tenant_lock_tenant ON nobill_tenant_lock
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform')
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);
