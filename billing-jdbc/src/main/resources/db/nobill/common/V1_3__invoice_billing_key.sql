-- What a subscription invoice bills (subscription, kind, period), unique per organization, so
-- the store itself refuses to invoice a period twice, whichever instance or clock tries.
-- Invoices drafted by hand have none; unique indexes do not compare NULLs.
ALTER TABLE nobill_invoice ADD COLUMN billing_key VARCHAR(200);
CREATE UNIQUE INDEX nobill_invoice_billing_key ON nobill_invoice (org_id, billing_key);
