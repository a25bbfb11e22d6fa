-- The ledger's running volume: the sum of the debit postings of every entry up to and including
-- this one, in minor units. The core bounds it (io.nobill.core.money.Bounds.MAX_LEDGER_VOLUME)
-- so that every balance fits a BIGINT; the last entry's value is read with its sequence, so the
-- bound costs no query. Entries posted before this version have NULL: the store then sums the
-- organization's postings once, and the next entry it posts carries the total.
ALTER TABLE nobill_journal_entry ADD COLUMN volume BIGINT;

-- Payments the ledger recorded, with what was refunded of each so far, so that a refund is
-- checked against its payment without scanning the journal.
CREATE TABLE nobill_payment (
  org_id UUID NOT NULL,
  payment_id UUID NOT NULL,
  invoice_id UUID NOT NULL,
  currency CHAR(3) NOT NULL,
  amount BIGINT NOT NULL,
  refunded BIGINT NOT NULL,
  PRIMARY KEY (org_id, payment_id)
);
CREATE INDEX nobill_payment_invoice ON nobill_payment (org_id, invoice_id);

-- Payments and refunds posted before this version, from their journal entries: a payment's
-- entry is keyed payment-succeeded:<payment> with the memo 'Payment for invoice <invoice>', a
-- refund's payment-refunded:<refund> with 'Refund of payment <payment>'; the first posting of
-- each carries the amount.
INSERT INTO nobill_payment (org_id, payment_id, invoice_id, currency, amount, refunded)
SELECT e.org_id, CAST(e.reference_id AS UUID), CAST(SUBSTRING(e.memo, 21, 36) AS UUID), a.currency, p.amount,
       LEAST(p.amount, COALESCE((SELECT SUM(rp.amount) FROM nobill_journal_entry r
                                 JOIN nobill_posting rp ON rp.org_id = r.org_id AND rp.entry_id = r.entry_id
                                   AND rp.posting_index = 0
                                 WHERE r.org_id = e.org_id AND r.idempotency_key LIKE 'payment-refunded:%'
                                   AND r.memo = CONCAT('Refund of payment ', e.reference_id)), 0))
FROM nobill_journal_entry e
JOIN nobill_posting p ON p.org_id = e.org_id AND p.entry_id = e.entry_id AND p.posting_index = 0
JOIN nobill_ledger_account a ON a.org_id = p.org_id AND a.account_id = p.account_id
WHERE e.idempotency_key LIKE 'payment-succeeded:%' AND e.memo LIKE 'Payment for invoice %';
