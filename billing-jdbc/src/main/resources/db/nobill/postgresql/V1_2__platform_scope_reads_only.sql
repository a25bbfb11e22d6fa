-- The platform scope reads ids across tenants and must never change a row. Version 1.1 gave
-- every table one policy for all commands whose USING clause admits the platform scope: its
-- WITH CHECK kept platform transactions from inserting and updating, but DELETE is checked by
-- USING alone, so a platform transaction could delete any tenant's rows. Each table now has a
-- read policy (its own tenant, or the platform scope) and a write policy (its own tenant only);
-- policies are permissive, so SELECT passes either and INSERT, UPDATE and DELETE pass only the
-- second.

DROP POLICY nobill_organization_tenant ON nobill_organization;
CREATE POLICY nobill_organization_read ON nobill_organization FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_organization_write ON nobill_organization FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_membership_tenant ON nobill_membership;
CREATE POLICY nobill_membership_read ON nobill_membership FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_membership_write ON nobill_membership FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_audit_entry_tenant ON nobill_audit_entry;
CREATE POLICY nobill_audit_entry_read ON nobill_audit_entry FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_audit_entry_write ON nobill_audit_entry FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_audit_head_tenant ON nobill_audit_head;
CREATE POLICY nobill_audit_head_read ON nobill_audit_head FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_audit_head_write ON nobill_audit_head FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_ledger_account_tenant ON nobill_ledger_account;
CREATE POLICY nobill_ledger_account_read ON nobill_ledger_account FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_ledger_account_write ON nobill_ledger_account FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_journal_entry_tenant ON nobill_journal_entry;
CREATE POLICY nobill_journal_entry_read ON nobill_journal_entry FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_journal_entry_write ON nobill_journal_entry FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_posting_tenant ON nobill_posting;
CREATE POLICY nobill_posting_read ON nobill_posting FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_posting_write ON nobill_posting FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_invoice_tenant ON nobill_invoice;
CREATE POLICY nobill_invoice_read ON nobill_invoice FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_invoice_write ON nobill_invoice FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_invoice_numbering_tenant ON nobill_invoice_numbering;
CREATE POLICY nobill_invoice_numbering_read ON nobill_invoice_numbering FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_invoice_numbering_write ON nobill_invoice_numbering FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_collection_tenant ON nobill_collection;
CREATE POLICY nobill_collection_read ON nobill_collection FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_collection_write ON nobill_collection FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_revenue_schedule_tenant ON nobill_revenue_schedule;
CREATE POLICY nobill_revenue_schedule_read ON nobill_revenue_schedule FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_revenue_schedule_write ON nobill_revenue_schedule FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_override_tenant ON nobill_override;
CREATE POLICY nobill_override_read ON nobill_override FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_override_write ON nobill_override FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_subscription_tenant ON nobill_subscription;
CREATE POLICY nobill_subscription_read ON nobill_subscription FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_subscription_write ON nobill_subscription FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_payment_method_tenant ON nobill_payment_method;
CREATE POLICY nobill_payment_method_read ON nobill_payment_method FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_payment_method_write ON nobill_payment_method FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_billing_schedule_tenant ON nobill_billing_schedule;
CREATE POLICY nobill_billing_schedule_read ON nobill_billing_schedule FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_billing_schedule_write ON nobill_billing_schedule FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_inbox_tenant ON nobill_inbox;
CREATE POLICY nobill_inbox_read ON nobill_inbox FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_inbox_write ON nobill_inbox FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_outbox_tenant ON nobill_outbox;
CREATE POLICY nobill_outbox_read ON nobill_outbox FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_outbox_write ON nobill_outbox FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_usage_event_tenant ON nobill_usage_event;
CREATE POLICY nobill_usage_event_read ON nobill_usage_event FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_usage_event_write ON nobill_usage_event FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_usage_rollup_tenant ON nobill_usage_rollup;
CREATE POLICY nobill_usage_rollup_read ON nobill_usage_rollup FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_usage_rollup_write ON nobill_usage_rollup FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_usage_unique_tenant ON nobill_usage_unique;
CREATE POLICY nobill_usage_unique_read ON nobill_usage_unique FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_usage_unique_write ON nobill_usage_unique FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_quota_warning_tenant ON nobill_quota_warning;
CREATE POLICY nobill_quota_warning_read ON nobill_quota_warning FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_quota_warning_write ON nobill_quota_warning FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_usage_reported_tenant ON nobill_usage_reported;
CREATE POLICY nobill_usage_reported_read ON nobill_usage_reported FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_usage_reported_write ON nobill_usage_reported FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);

DROP POLICY nobill_tenant_lock_tenant ON nobill_tenant_lock;
CREATE POLICY nobill_tenant_lock_read ON nobill_tenant_lock FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_tenant_lock_write ON nobill_tenant_lock FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);
