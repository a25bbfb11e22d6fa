package io.nobill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.Actor;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.CreditNote;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceDocument;
import io.nobill.core.invoice.InvoiceRenderer;
import io.nobill.core.invoice.InvoiceRequest;
import io.nobill.core.invoice.NumberingFormat;
import io.nobill.core.invoice.Seller;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.org.Organization;
import io.nobill.core.rating.Rating;
import io.nobill.core.rating.RatingInput;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxProfile;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.testkit.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seller and the numbering formats, set on the builder and used by the invoices a Billing issues. */
class InvoicingConfigurationTest {
  private static final Seller SELLER = Seller.builder().legalName("Example Software GmbH")
      .address(List.of("Musterstraße 1"), "10115", "Berlin", "DE").taxRegistration("DE", "VAT", "DE811569869")
      .email("billing@example.com").build();

  @Test
  void numberingPatternsAreValidatedEagerlyAndEverySettingIsSetOnce() {
    assertThatThrownBy(() -> Billing.builder().invoiceNumbering("INV-{yyyy}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one {seq:N}");
    assertThatThrownBy(() -> Billing.builder().creditNoteNumbering("CN-{dd}-{seq:4}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown token {dd}");
    assertThatThrownBy(() -> Billing.builder().seller(SELLER).seller(SELLER)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("seller is already set");
    assertThatThrownBy(() -> Billing.builder().invoiceNumbering("A{seq:3}").invoiceNumbering("B{seq:3}"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("invoiceNumbering is already set");
    // Two formats in one series would share a counter: a contradiction found at build().
    assertThatThrownBy(() -> Billing.builder().store(InMemoryBillingStore.create()).taxCalculator(TaxCalculator.NONE)
        .invoiceNumbering(NumberingFormat.of("docs", "A{seq:3}")).creditNoteNumbering(NumberingFormat.of("docs", "B{seq:3}"))
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different series");
  }

  @Test
  void withoutASellerDocumentsSaySoAndTheDefaultsNumber() {
    Billing billing = Billing.builder().store(InMemoryBillingStore.create()).taxCalculator(TaxCalculator.NONE).build();
    assertThat(billing.invoicing().seller()).isEqualTo(Seller.NOT_CONFIGURED);
    assertThat(billing.invoicing().invoices()).isEqualTo(NumberingFormat.INVOICES);
    assertThat(billing.invoicing().creditNotes()).isEqualTo(NumberingFormat.CREDIT_NOTES);
  }

  @Test
  void theConfiguredSellerAndFormatsAreWhatInvoicesAndCreditNotesAreIssuedWith() {
    TestClock clock = TestClock.at("2026-03-01T00:00:00Z");
    Billing billing = Billing.builder().store(InMemoryBillingStore.create()).clock(clock)
        .catalog(SeedCatalog.create("EUR")).taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .seller(SELLER).invoiceNumbering("RE{yy}{mm}-{seq:4}").creditNoteNumbering("GS{yy}-{seq:4}").build();
    UserId anna = billing.ids().next(UserId::of);
    Organization acme = billing.organizations().provision(Actor.member(anna), new NewOrganization(Optional.empty(),
        "Acme GmbH", "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, anna));
    Plan pro = billing.catalog().latest("pro").orElseThrow();
    Period march = new Period(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
    Actor job = Actor.job("invoicing");
    Invoice draft = billing.invoices().draft(job, acme.id(), new InvoiceRequest(
        Rating.rate(RatingInput.advanceOnly(pro, PricingOverrides.NONE, march, 3)), Optional.of(pro.ref()),
        TaxProfile.consumer("DE"), TaxBehavior.EXCLUSIVE, 14));
    assertThat(draft.seller()).isEmpty();
    // A draft renders with the configured seller when the host passes it.
    assertThat(InvoiceRenderer.text(InvoiceDocument.of(draft, billing.invoicing().seller(), Locale.GERMANY)))
        .contains("Example Software GmbH", "ENTWURF");

    Invoice open = billing.invoices().finalizeDraft(job, acme.id(), draft.id());
    assertThat(open.number()).contains("RE2603-0001");
    assertThat(open.seller()).contains(SELLER);
    assertThat(InvoiceRenderer.text(open)).contains("Example Software GmbH", "USt-IdNr. (DE): DE811569869");

    billing.invoices().voidInvoice(Actor.operator("ops-1"), acme.id(), open.id());
    List<CreditNote> notes = billing.invoices().creditNotes(Actor.member(anna), acme.id(), open.id());
    assertThat(notes).extracting(CreditNote::number).containsExactly("GS26-0001");
    assertThat(InvoiceRenderer.text(notes.get(0))).contains("RECHNUNGSKORREKTUR", "GS26-0001", "RE2603-0001");
    assertThat(billing.audit().verify(Actor.member(anna), acme.id()).intact()).isTrue();
  }

  @Test
  void aRefundRecordedThroughTheLedgerApiIssuesACreditNote() {
    TestClock clock = TestClock.at("2026-03-01T00:00:00Z");
    Billing billing = Billing.builder().store(InMemoryBillingStore.create()).clock(clock)
        .catalog(SeedCatalog.create("EUR")).taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .seller(SELLER).build();
    UserId anna = billing.ids().next(UserId::of);
    Organization acme = billing.organizations().provision(Actor.member(anna), new NewOrganization(Optional.empty(),
        "Acme GmbH", "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, anna));
    Plan pro = billing.catalog().latest("pro").orElseThrow();
    Period march = new Period(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
    Actor job = Actor.job("invoicing");
    Invoice open = billing.invoices().finalizeDraft(job, acme.id(), billing.invoices().draft(job, acme.id(),
        new InvoiceRequest(Rating.rate(RatingInput.advanceOnly(pro, PricingOverrides.NONE, march, 3)), Optional.of(pro.ref()),
            TaxProfile.consumer("DE"), TaxBehavior.EXCLUSIVE, 14)).id());
    io.nobill.core.id.PaymentId payment = billing.ids().next(io.nobill.core.id.PaymentId::of);
    billing.invoices().markPaid(job, acme.id(), open.id(), payment);
    billing.ledger().record(Actor.operator("ops-1"), acme.id(), new io.nobill.core.ledger.LedgerFact.PaymentRefunded(
        billing.ids().next(io.nobill.core.id.RefundId::of), payment, clock.instant(), Money.ofMajor("25.00", "EUR")));

    assertThat(billing.invoices().creditNotes(Actor.member(anna), acme.id(), open.id())).singleElement()
        .satisfies(note -> {
          assertThat(note.reason()).isEqualTo(CreditNote.Reason.REFUND);
          assertThat(note.number()).isEqualTo("CN-2026-000001");
          assertThat(note.total()).isEqualTo(Money.ofMajor("25.00", "EUR"));
          assertThat(note.seller()).isEqualTo(SELLER);
        });
    assertThat(billing.audit().verify(Actor.member(anna), acme.id()).intact()).isTrue();
  }
}
