package io.nobill.core.store;

import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.OrgId;
import io.nobill.core.org.Organization;
import io.nobill.core.spi.OrganizationRepository;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;

final class InMemoryOrganizationRepository implements OrganizationRepository {
  private final Transaction tx;
  private final OrgId org;
  private final InMemoryBillingStore.TenantData data;
  private final NavigableSet<OrgId> index;
  private final Map<String, OrgId> byExternalRef;

  InMemoryOrganizationRepository(Transaction tx, OrgId org, InMemoryBillingStore.TenantData data,
      NavigableSet<OrgId> index, Map<String, OrgId> byExternalRef) {
    this.tx = tx;
    this.org = org;
    this.data = data;
    this.index = index;
    this.byExternalRef = byExternalRef;
  }

  @Override
  public Optional<Organization> find() {
    tx.check();
    return Optional.ofNullable(data.organization);
  }

  @Override
  public void insert(Organization organization) {
    tx.check();
    checkScope(organization);
    if (data.organization != null) {
      throw new ConflictException(org, "organization already exists");
    }
    claimExternalRef(Optional.empty(), organization.externalRef());
    data.organization = organization;
    index.add(org);
    tx.onRollback(() -> {
      data.organization = null;
      index.remove(org);
    });
  }

  @Override
  public void update(Organization organization) {
    tx.check();
    checkScope(organization);
    Organization before = data.organization;
    if (before == null) {
      throw new NotFoundException("organization", org);
    }
    claimExternalRef(before.externalRef(), organization.externalRef());
    data.organization = organization;
    tx.onRollback(() -> data.organization = before);
  }

  /** Moves this organization's entry in the store-wide index of external references, refusing a taken one. */
  private void claimExternalRef(Optional<String> was, Optional<String> now) {
    if (was.equals(now)) {
      return;
    }
    now.ifPresent(ref -> {
      OrgId holder = byExternalRef.get(ref);
      if (holder != null && !holder.equals(org)) {
        throw new ConflictException(org, "external reference " + ref + " belongs to another organization");
      }
    });
    was.ifPresent(ref -> {
      byExternalRef.remove(ref);
      tx.onRollback(() -> byExternalRef.put(ref, org));
    });
    now.ifPresent(ref -> {
      byExternalRef.put(ref, org);
      tx.onRollback(() -> byExternalRef.remove(ref));
    });
  }

  private void checkScope(Organization organization) {
    Objects.requireNonNull(organization, "organization");
    if (!organization.id().equals(org)) {
      throw new IllegalArgumentException("organization " + organization.id()
          + " cannot be written from the transaction of organization " + org);
    }
  }
}
