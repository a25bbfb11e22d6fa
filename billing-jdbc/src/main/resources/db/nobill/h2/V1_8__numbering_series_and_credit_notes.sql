-- Deliberately global, the one table without org_id: the law asks for numbers gap-free per
-- seller, and a seller bills every organization, so the counter cannot belong to one of them.
-- It holds counters only, no tenant's data.
-- Numbering series shared by every tenant: one row per counter ('invoice/2026',
-- 'credit-note/2026'), holding the last value taken. A document takes its number in its own
-- tenant transaction, which holds the row's lock until it ends, so a seller's numbers are
-- unique and gap-free across all organizations. The table holds no tenant's data. The
-- PostgreSQL script of the same version adds row-level security to both tables. nobill_invoice_numbering,
-- the per-organization sequences of earlier versions, is kept for the numbers it issued.
CREATE TABLE nobill_numbering_series (
  series VARCHAR(100) NOT NULL,
  last_value BIGINT NOT NULL,
  PRIMARY KEY (series)
);

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
