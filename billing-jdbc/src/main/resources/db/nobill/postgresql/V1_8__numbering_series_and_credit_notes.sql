-- Deliberately global, the one table without org_id: the law asks for numbers gap-free per
-- seller, and a seller bills every organization, so the counter cannot belong to one of them.
-- It holds counters only, no tenant's data.
-- Numbering series shared by every tenant: one row per counter ('invoice/2026',
-- 'credit-note/2026'), holding the last value taken. A document takes its number in its own
-- tenant transaction, which holds the row's lock until it ends, so a seller's numbers are
-- unique and gap-free across all organizations. nobill_invoice_numbering, the
-- per-organization sequences of earlier versions, is kept for the numbers it issued.
CREATE TABLE nobill_numbering_series (
  series VARCHAR(100) NOT NULL,
  last_value BIGINT NOT NULL,
  PRIMARY KEY (series)
);

-- The rows are no tenant's data, only counters, so any tenant transaction may read, insert and
-- advance them; the platform scope and a connection without a tenant see none. There is no
-- DELETE policy: a counter never goes back.
ALTER TABLE nobill_numbering_series ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_numbering_series FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_numbering_series_read ON nobill_numbering_series FOR SELECT
  USING (NULLIF(current_setting('nobill.org_id', true), '') IS NOT NULL);
CREATE POLICY nobill_numbering_series_insert ON nobill_numbering_series FOR INSERT
  WITH CHECK (NULLIF(current_setting('nobill.org_id', true), '') IS NOT NULL);
CREATE POLICY nobill_numbering_series_update ON nobill_numbering_series FOR UPDATE
  USING (NULLIF(current_setting('nobill.org_id', true), '') IS NOT NULL)
  WITH CHECK (NULLIF(current_setting('nobill.org_id', true), '') IS NOT NULL);

-- Credit notes: the documents that correct finalized invoices, which are never edited. A
-- credit note is written once and never changed; seq keeps the order they were issued in.
CREATE TABLE nobill_credit_note (
  org_id UUID NOT NULL,
  credit_note_id UUID NOT NULL,
  invoice_id UUID NOT NULL,
  seq BIGINT NOT NULL,
  number VARCHAR(100) NOT NULL,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (org_id, credit_note_id)
);
CREATE INDEX nobill_credit_note_invoice ON nobill_credit_note (org_id, invoice_id, seq);

-- As every tenant table since version 1.2: the tenant reads and writes its own rows; the
-- platform scope only reads.
ALTER TABLE nobill_credit_note ENABLE ROW LEVEL SECURITY;
ALTER TABLE nobill_credit_note FORCE ROW LEVEL SECURITY;
CREATE POLICY nobill_credit_note_read ON nobill_credit_note FOR SELECT
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid
         OR current_setting('nobill.scope', true) = 'platform');
CREATE POLICY nobill_credit_note_write ON nobill_credit_note FOR ALL
  USING (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('nobill.org_id', true), '')::uuid);
