/**
 * NOBill's core: the billing domain, its API for hosts, its SPI for adapters, and an in-memory
 * store. The {@code io.nobill.core.internal} packages hold the implementations and are not
 * exported: a host module reaches them neither at compile time nor by reflection.
 */
module io.nobill.core {
  requires org.slf4j;

  // API: the entry point, its services, values, outbound events and errors.
  exports io.nobill.core;
  exports io.nobill.core.access;
  exports io.nobill.core.audit;
  exports io.nobill.core.catalog;
  exports io.nobill.core.entitlement;
  exports io.nobill.core.error;
  exports io.nobill.core.event;
  exports io.nobill.core.id;
  exports io.nobill.core.invoice;
  exports io.nobill.core.ledger;
  exports io.nobill.core.money;
  exports io.nobill.core.org;
  exports io.nobill.core.rating;
  exports io.nobill.core.subscription;
  exports io.nobill.core.tax;
  exports io.nobill.core.text;
  exports io.nobill.core.usage;
  exports io.nobill.core.work;
  // Adapters shipped with the core: the in-memory store, a simulated card collector, a tax table.
  exports io.nobill.core.store;
  exports io.nobill.core.payment;
  exports io.nobill.core.tax.regional;
  // SPI: what stores, payment collectors and tax calculators implement.
  exports io.nobill.core.spi;
}
