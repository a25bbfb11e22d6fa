package io.nobill.core.invoice;

import java.util.Objects;

/**
 * How a {@code Billing} issues documents: the seller printed on them and how invoices and
 * credit notes are numbered. Set with {@code Billing.builder().seller(...)},
 * {@code .invoiceNumbering(...)} and {@code .creditNoteNumbering(...)}.
 *
 * @param seller      who issues the invoices; {@link Seller#NOT_CONFIGURED} when the host set none
 * @param invoices    how invoices are numbered
 * @param creditNotes how credit notes are numbered; a series of their own
 */
public record InvoicingSettings(Seller seller, NumberingFormat invoices, NumberingFormat creditNotes) {
  public InvoicingSettings {
    Objects.requireNonNull(seller, "seller");
    Objects.requireNonNull(invoices, "invoices");
    Objects.requireNonNull(creditNotes, "creditNotes");
    if (invoices.series().equals(creditNotes.series())) {
      throw new IllegalArgumentException("invoices and credit notes must be numbered in different series, both are '"
          + invoices.series() + "'");
    }
  }

  /** The placeholder seller, {@link NumberingFormat#INVOICES} and {@link NumberingFormat#CREDIT_NOTES}. */
  public static InvoicingSettings defaults() {
    return new InvoicingSettings(Seller.NOT_CONFIGURED, NumberingFormat.INVOICES, NumberingFormat.CREDIT_NOTES);
  }
}
